import Foundation

/// The run-wide "stop now" of an interrupted run (SIGINT/SIGTERM). Once `cancel` is called, every
/// transfer in flight ends at once with a `cancelled` failure, none starts, and every wait on it
/// returns early.
///
/// Whoever blocks in libcurl registers a wake-up (`curl_multi_wakeup` on its multi handle) for as
/// long as it polls, so a poll waiting for a silent peer ends the moment the run is cancelled
/// rather than at its next timeout.
public final class TransferCancellation: @unchecked Sendable {
    // @unchecked: every member below is guarded by `condition`.
    private let condition = NSCondition()
    private var cancelled = false
    private var wakeUps: [Int: @Sendable () -> Void] = [:]
    private var nextToken = 0

    /// A run not cancelled yet.
    public init() {}

    /// Whether the run was cancelled.
    public var isCancelled: Bool { condition.withLock { cancelled } }

    /// Cancels the run: wakes every registered poll and every `wait`. Idempotent.
    public func cancel() {
        condition.lock()
        defer { condition.unlock() }
        guard !cancelled else { return }
        cancelled = true
        condition.broadcast()
        // Under the lock: a poller withdraws its wake-up (taking the lock) before its multi handle
        // goes, so none is woken after that. Each wake-up only writes to a pipe.
        for wake in wakeUps.values { wake() }
    }

    /// Runs `body` with `wakeUp` registered, so a cancellation during `body` calls it; if the run is
    /// already cancelled, `wakeUp` is not needed and `body` sees `isCancelled` at once.
    func whileRegistered<Result>(_ wakeUp: @escaping @Sendable () -> Void, _ body: () -> Result) -> Result {
        let token: Int = condition.withLock {
            nextToken += 1
            wakeUps[nextToken] = wakeUp
            return nextToken
        }
        defer { _ = condition.withLock { wakeUps.removeValue(forKey: token) } }
        return body()
    }

    /// Registers `wakeUp` until `unregister` with the token returned: for a poller that outlives one call.
    func register(_ wakeUp: @escaping @Sendable () -> Void) -> Int {
        condition.withLock {
            nextToken += 1
            wakeUps[nextToken] = wakeUp
            return nextToken
        }
    }

    /// Withdraws a wake-up given to `register`.
    func unregister(_ token: Int) {
        _ = condition.withLock { wakeUps.removeValue(forKey: token) }
    }

    /// Waits `milliseconds`, or less if the run is cancelled meanwhile; returns false when it was.
    @discardableResult
    public func wait(milliseconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: max(milliseconds, 0) / 1000)
        condition.lock()
        defer { condition.unlock() }
        while !cancelled {
            if !condition.wait(until: deadline) { break }
        }
        return !cancelled
    }

    /// The failure of a transfer the cancellation ended (or kept from starting).
    static let failure = TransportFailure(
        kind: .cancelled, curlCode: 0, message: "the run was interrupted and this transfer was cancelled")
}
