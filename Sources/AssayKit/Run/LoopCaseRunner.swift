import Foundation

/// The loop lane: runs a plain case (`TestCase.runsOnTransferLoop`) on a transfer loop, as a chain
/// of continuations instead of a blocked thread. Its steps go through `CaseProgress` like a
/// worker's; sending one adds its transfer to the loop, and when the transfer ends the loop's
/// thread judges it and sends the next step, or finishes the case. Many cases are in flight on one
/// thread, with none of a worker per case's context switches.
struct LoopCaseRunner {
    let context: RunContext
    let redactor: Redactor

    /// Starts the case; `done` runs on the loop's thread once the case is finished.
    func start(
        _ testCase: TestCase, in shared: SharedSuite, loop: TransferLoop, done: @escaping (CaseResult) -> Void
    ) {
        let progress = CaseProgress(testCase, in: shared, context: context, redactor: redactor)
        progress.run(
            send: { prepared, arrived in
                loop.start(prepared.request, options: prepared.options) { exchange in
                    // The progress's context, not a copy of the run's: a captured copy retains every field of it.
                    let checks = progress.context.audit(exchange, suite: progress.suite, origin: progress.origin)
                    arrived(.exchange(exchange, checks: checks, performer: nil))
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
