import Foundation

/// Spaces the starts of every request of a run by the pace's interval, whichever worker sends
/// them: each request takes the next free slot and waits for it on the clock. Slots are handed
/// out under a lock, so two workers never take the same one.
public final class RequestPacer: @unchecked Sendable {
    // @unchecked: `nextSlot` is read and written only under `lock`.
    public let pace: Pace
    private let lock = NSLock()
    private var nextSlot: Date?

    public init(_ pace: Pace) {
        self.pace = pace
    }

    /// Waits until this request's slot; returns how long it waited, in milliseconds.
    @discardableResult
    func waitForTurn(on clock: any ConversationClock) -> Double {
        let wait: Double = lock.withLock {
            let now = clock.now
            let slot = max(now, nextSlot ?? now)
            nextSlot = slot.addingTimeInterval(pace.intervalMs / 1000)
            return slot.timeIntervalSince(now) * 1000
        }
        clock.wait(milliseconds: wait)
        return wait
    }
}
