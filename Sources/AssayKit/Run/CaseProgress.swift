import Foundation

/// A case between its steps: the result so far, the variables and secrets its captures added,
/// and which step comes next. Both ways of running a case share it: `CaseRunner` on a worker
/// thread, and `LoopCaseRunner` on the transfer loop.
///
/// A class, because it travels: from step to step through the loop's completions and on to the
/// judging thread, where a struct of this size would be copied (and its members retained) at
/// every hop.
final class CaseProgress: @unchecked Sendable {
    // @unchecked: one thread at a time works on a case. The lane that sends it hands it over
    // (to the judging thread, for a deferred judgement) only once it is done with it.
    let testCase: TestCase
    let shared: SharedSuite
    private(set) var result: CaseResult
    var scope: VariableScope
    var redactor: Redactor
    let started = ContinuousClock.now
    /// The cookies this case was given: its own jar, the suite's (`cookieJar: "suite"`), or none.
    let cookieJar: CookieJar?
    /// The index of the step `nextStep` returns.
    private var position = 0

    init(_ testCase: TestCase, in shared: SharedSuite, redactor: Redactor) {
        self.testCase = testCase
        self.shared = shared
        self.result = CaseResult(
            suite: shared.suite.name, name: testCase.name, tags: Self.tags(of: testCase, in: shared.suite),
            location: testCase.location, verdict: .passed, durationMs: 0, steps: [], reason: nil, startedAt: Date(),
            exclusive: testCase.exclusive ? true : nil)
        self.scope = shared.planned.scope
        self.redactor = redactor
        switch shared.suite.cookieJar {
        case .case: cookieJar = CookieJar()
        case .suite: cookieJar = shared.cookieJar
        case .off: cookieJar = nil
        }
    }

    /// The suite's header, lent by the shared suite rather than copied.
    var suite: Suite {
        _read { yield shared.suite }
    }

    /// A case's tags and then its suite's; the case's own list, unshared, when the suite has none.
    static func tags(of testCase: TestCase, in suite: Suite) -> [String] {
        suite.tags.isEmpty ? testCase.tags : testCase.tags + suite.tags
    }

    /// Which case sends the requests, for the trace ledger.
    var origin: TraceOrigin { TraceOrigin(suite: shared.suite.name, caseName: testCase.name) }

    /// The result of a case marked `skip`, which sends nothing; nil for a case that runs.
    var skippedResult: CaseResult? {
        guard let reason = testCase.skip else { return nil }
        var skipped = result
        skipped.verdict = .skipped
        skipped.reason = reason
        return skipped
    }

    /// The next step to send, or nil when the case is done. Once a step did not pass, the rest
    /// are recorded as skipped.
    func nextStep() -> Step? {
        while position < testCase.steps.count {
            let step = testCase.steps[position]
            position += 1
            guard result.verdict == .passed else {
                result.steps.append(CaseRunner.skippedStep(step, because: "an earlier step did not pass"))
                continue
            }
            return step
        }
        return nil
    }

    /// Whether the step `nextStep` returned last is the case's last.
    var atLastStep: Bool { position == testCase.steps.count }

    func record(_ step: StepResult) {
        var step = step
        // `position` is past the step `nextStep` returned last: the one being recorded.
        if position > 0, testCase.steps[position - 1].precondition { step.markPreconditionUnmet() }
        result.verdict = result.verdict.combined(with: step.verdict)
        result.steps.append(step)
    }

    /// The case's result, timed from its start until now.
    func finished() -> CaseResult {
        var finished = result
        finished.durationMs = started.duration(to: .now).milliseconds
        return finished
    }

    /// The case once its last step, already sent, is judged: to run on another thread. The step
    /// and the case are timed as if judged where they were sent (the time until the response,
    /// plus the judging).
    func judgingLast(_ sent: SentStep, context: RunContext, stepStarted: ContinuousClock.Instant) -> CaseOutcome {
        let judge = StepJudge(context: context)
        let sentAt = ContinuousClock.now
        let sending = stepStarted.duration(to: sentAt)
        let elapsed = started.duration(to: sentAt)
        return .judging { [self] in
            let judging = ContinuousClock.now
            var last = judge.judge(sent, suite: suite, scope: &scope, redactor: &redactor)
            let judged = judging.duration(to: .now)
            last.durationMs = (sending + judged).milliseconds
            record(last)
            var result = self.result
            result.durationMs = (elapsed + judged).milliseconds
            return result
        }
    }
}
