import Foundation

/// The time a conversation reads and waits by: the cool-down after a 429 and the wait for a replay
/// key to expire. The run uses `SystemConversationClock`; tests use a clock that records the
/// waits and moves on at once, so the timing rules are checked without sleeping.
protocol ConversationClock {
    /// The wall-clock time now (a `Retry-After` may be an HTTP date).
    var now: Date { get }
    /// Waits `milliseconds` before the next request.
    func wait(milliseconds: Double)
}

/// The real clock: waits by blocking the worker thread, which holds nothing else meanwhile. An
/// interrupted run ends the wait at once; the conversation's next request then ends as cancelled.
struct SystemConversationClock: ConversationClock {
    let cancellation: TransferCancellation

    var now: Date { Date() }

    func wait(milliseconds: Double) {
        guard milliseconds > 0 else { return }
        cancellation.wait(milliseconds: milliseconds)
    }
}
