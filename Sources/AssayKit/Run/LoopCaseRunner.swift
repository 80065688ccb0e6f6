import Foundation

/// The loop lane: runs a plain case (`TestCase.runsOnTransferLoop`) on a transfer loop, as a chain
/// of continuations instead of a blocked thread. Its steps go through `CaseProgress` like a
/// worker's; sending one adds its transfer to the loop, and when the transfer ends the loop's
/// thread judges it and sends the next step, or finishes the case. Many cases are in flight on one
/// thread, with none of a worker per case's context switches.
struct LoopCaseRunner {
    let context: SharedContext
    let redactor: Redactor

    /// Starts the case; `done` runs on the loop's thread once the case is finished.
    func start(_ job: Scheduler.Job, loop: TransferLoop, done: @escaping (consuming CaseResult) -> Void) {
        let progress = CaseProgress(job, context: context, redactor: redactor)
        progress.run(
            send: { prepared, arrived in
                loop.start(prepared.request, options: prepared.options) { exchange in
                    arrived(.sent(SentStep(prepared.ready, exchange: exchange, checks: progress.audit(exchange))))
                }
            },
            done: done)
    }
}

extension TestCase {
    /// Whether every request of the case is a plain exchange, which the transfer loop can carry:
    /// no replay or rate-limit check (a conversation of requests and pauses) and no stream check
    /// (its observer reads events as they arrive and may send a comparison request), and no
    /// `retry` (its pauses wait on a worker's clock, `StepAttempts`).
    var runsOnTransferLoop: Bool {
        replay == nil && rateLimit == nil && retry == nil
            && steps.allSatisfy { $0.expect.stream == nil && $0.retry == nil }
    }
}
