import Foundation

/// Runs a plain case (`TestCase.runsOnTransferLoop`) on the transfer loop, as a chain of
/// continuations instead of a blocked thread: sending a step adds its transfer to the loop, and
/// when the transfer ends the loop thread judges the step and sends the next one, or finishes
/// the case. Many cases are in flight on one thread, with none of a worker per case's context
/// switches. Steps are built and judged exactly as `CaseRunner` does (`StepRequest`,
/// `StepJudge`, `CaseProgress`). A class: every completion captures it.
final class LoopCaseRunner: Sendable {
    let context: RunContext
    let redactor: Redactor
    /// Whether the last step's judgement is handed back undone, to be judged on another thread.
    let defersLastJudgement: Bool

    init(context: RunContext, redactor: Redactor, defersLastJudgement: Bool) {
        self.context = context
        self.redactor = redactor
        self.defersLastJudgement = defersLastJudgement
    }

    /// Starts the case; `done` runs on the loop's thread once the case is finished (or its last
    /// step is sent, when the judgement is deferred).
    func start(
        _ testCase: TestCase, in shared: SharedSuite, loop: TransferLoop,
        done: @escaping (CaseOutcome) -> Void
    ) {
        let progress = CaseProgress(testCase, in: shared, redactor: redactor)
        if let skipped = progress.skippedResult { return done(.finished(skipped)) }
        advance(progress, loop: loop, done: done)
    }

    /// Sends the case's next step, or finishes the case when no step is left to send.
    private func advance(_ progress: CaseProgress, loop: TransferLoop, done: @escaping (CaseOutcome) -> Void) {
        while let step = progress.nextStep() {
            let stepStarted = ContinuousClock.now
            switch StepRequest.make(
                step, suite: progress.suite, scope: progress.scope, redactor: progress.redactor, context: context,
                defaultHeaders: progress.shared.defaultHeaders, cookieJar: progress.cookieJar)
            {
            case .failure(let failure):
                var result = failure.result
                result.durationMs = stepStarted.duration(to: .now).milliseconds
                progress.record(result)
            case .success(let ready):
                loop.start(ready.request, options: ready.options) { [self] exchange in
                    let sent = SentStep(
                        ready, exchange: exchange,
                        checks: context.audit(exchange, suite: progress.suite, origin: progress.origin))
                    received(sent, progress: progress, stepStarted: stepStarted, loop: loop, done: done)
                }
                return
            }
        }
        done(.finished(progress.finished()))
    }

    /// Judges a step whose exchange ended, then goes on with the case.
    private func received(
        _ sent: SentStep, progress: CaseProgress, stepStarted: ContinuousClock.Instant, loop: TransferLoop,
        done: @escaping (CaseOutcome) -> Void
    ) {
        if defersLastJudgement, progress.atLastStep {
            return done(progress.judgingLast(sent, context: context, stepStarted: stepStarted))
        }
        var result = StepJudge(context: context).judge(
            sent, suite: progress.suite, scope: &progress.scope, redactor: &progress.redactor)
        result.durationMs = stepStarted.duration(to: .now).milliseconds
        progress.record(result)
        advance(progress, loop: loop, done: done)
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
