import Foundation

/// The clock a worker's conversations wait on. While a case waits out a replay key's TTL it sends
/// nothing, so the scheduler lets other cases send meanwhile, an exclusive one included; when the
/// wait is over the case asks for its turn to send again. A rate limit's cool-down keeps the wire:
/// requests sent during it would spend the quota it waits to recover, or get the 429s its burst
/// provoked (docs/CHECKS.md promises neither happens). A retry's pause keeps it too: an exclusive
/// case that retries until the target is ready is the gate the other cases wait behind.
struct SchedulerClock: ConversationClock {
    let scheduler: Scheduler
    let job: Scheduler.Job

    var now: Date { Date() }

    func wait(milliseconds: Double) {
        guard milliseconds > 0 else { return }
        // Only a replay key's TTL is a wait the other cases may send through.
        guard job.testCase.replay != nil else { return scheduler.pause(milliseconds) }
        scheduler.sleeping(job)
        scheduler.pause(milliseconds)
        scheduler.resuming(job)
    }

    /// Blocks the worker thread, which holds nothing else meanwhile.
    static let sleep: @Sendable (_ milliseconds: Double) -> Void = { Thread.sleep(forTimeInterval: $0 / 1000) }
}
