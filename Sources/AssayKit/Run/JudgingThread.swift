import Foundation

/// One thread that runs handed-over work in order, with a `ThreadStack`-sized stack: judging walks
/// response bodies, which a dispatch queue's threads (whose stack size Assay does not choose)
/// might not hold at the nesting limit. Started at the first piece of work.
final class JudgingThread: @unchecked Sendable {
    // @unchecked: `pending`, `closing` and `started` are guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [@Sendable () -> Void] = []
    private var started = false
    private var closing = false
    private var running = false

    /// Queues `work` to run after everything queued before it.
    func async(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        pending.append(work)
        if !started {
            started = true
            running = true
            ThreadStack.start { self.drain() }
        }
        condition.signal()
        condition.unlock()
    }

    /// Returns once every queued piece of work has run; nothing may be queued afterwards.
    func finish() {
        condition.lock()
        closing = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func drain() {
        condition.lock()
        while true {
            while pending.isEmpty && !closing { condition.wait() }
            if pending.isEmpty { break }
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            condition.unlock()
            for work in batch { work() }
            condition.lock()
        }
        running = false
        condition.broadcast()
        condition.unlock()
    }
}
