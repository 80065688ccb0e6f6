import Foundation

/// Runs one case, step by step, on the calling thread with the worker's own client.
/// A failed or unexecutable step skips the rest of the case. Replay and rate-limit
/// cases hand their single step to their own runners (in `Conversations/`), which reuse
/// `prepare` and `evaluate` so every request is built and judged the same way.
/// Plain cases usually run on the transfer loop instead (`LoopCaseRunner`); both keep
/// their state between steps in a `CaseProgress`.
///
/// Judging a plain step's response needs no connection (`StepJudge`), so the last step's
/// judgement can be handed back undone (`CaseOutcome.judging`): the scheduler judges it on
/// another thread while this worker already sends the next case's request.
struct CaseRunner {
    let context: RunContext
    let client: CurlClient

    func run(
        _ testCase: TestCase, in shared: SharedSuite, redactor: Redactor, defersLastJudgement: Bool = false
    ) -> CaseOutcome {
        let progress = CaseProgress(testCase, in: shared, redactor: redactor)
        if let skipped = progress.skippedResult { return .finished(skipped) }
        // A rate-limit burst is about its own timing: the run's pace does not space it.
        let performer = ExchangePerformer(
            client: client, context: context, suite: shared.suite, origin: progress.origin,
            paced: testCase.rateLimit == nil)
        while let step = progress.nextStep() {
            let stepResult: StepResult
            if let replay = testCase.replay {
                stepResult = runReplay(
                    replay, step: step, suite: shared.suite, scope: progress.scope, redactor: progress.redactor,
                    performer: performer)
            } else if let rateLimit = testCase.rateLimit {
                stepResult = runRateLimit(
                    rateLimit, step: step, suite: shared.suite, scope: progress.scope, redactor: progress.redactor,
                    performer: performer)
            } else if let attempts = attempts(
                for: step, in: testCase, suite: shared.suite, clock: SystemConversationClock())
            {
                stepResult = runAttempts(attempts, step: step, progress: progress, performer: performer)
            } else {
                let stepStarted = ContinuousClock.now
                let sending = send(step, progress: progress, performer: performer)
                if defersLastJudgement, progress.atLastStep, case .sent(let sent) = sending {
                    // The rest is judging: hand it back so the worker can send the next case's request.
                    return progress.judgingLast(sent, context: context, stepStarted: stepStarted)
                }
                stepResult = judge(sending, progress: progress, performer: performer, started: stepStarted)
            }
            progress.record(stepResult)
        }
        return .finished(progress.finished())
    }

    /// What sending a step produced.
    private enum Sending {
        /// The step ended before a judgeable exchange (its request could not be built).
        case done(StepResult)
        /// A plain exchange, ready to be judged anywhere.
        case sent(SentStep)
        /// A streamed exchange: judging it may send a comparison request, so it stays on this worker.
        case streamed(SentStep, StreamCheck)
    }

    /// Builds the step's request and sends it (with its stream check, if any).
    private func send(_ step: Step, progress: CaseProgress, performer: ExchangePerformer) -> Sending {
        let ready: StepRequest
        switch StepRequest.make(
            step, suite: progress.suite, scope: progress.scope, redactor: progress.redactor, context: context,
            defaultHeaders: progress.shared.defaultHeaders, cookieJar: progress.cookieJar)
        {
        case .success(let made): ready = made
        case .failure(let failure): return .done(failure.result)
        }
        let streamCheck = ready.expectation.stream.map {
            StreamCheck(spec: $0, context: context, redactor: progress.redactor)
        }
        let (exchange, checks) = performer.perform(
            ready.request, options: streamCheck?.transportOptions(ready.options) ?? ready.options,
            observer: streamCheck?.observer)
        let sent = SentStep(ready, exchange: exchange, checks: checks)
        if let streamCheck { return .streamed(sent, streamCheck) }
        return .sent(sent)
    }

    /// Judges what sending a step produced, here on the worker; the step is timed from `started`.
    private func judge(
        _ sending: Sending, progress: CaseProgress, performer: ExchangePerformer,
        started: ContinuousClock.Instant
    ) -> StepResult {
        var result: StepResult
        switch sending {
        case .done(let done): result = done
        case .sent(let sent):
            result = StepJudge(context: context).judge(
                sent, suite: progress.suite, scope: &progress.scope, redactor: &progress.redactor)
        case .streamed(let sent, let streamCheck):
            result = judgeStream(sent, streamCheck, progress: progress, performer: performer)
        }
        result.durationMs = started.duration(to: .now).milliseconds
        return result
    }

    /// Judges a streamed step: the stream's own checks (which may send the non-stream request), then
    /// the common ones.
    private func judgeStream(
        _ sent: SentStep, _ streamCheck: StreamCheck, progress: CaseProgress, performer: ExchangePerformer
    ) -> StepResult {
        var sent = sent
        sent.checks += streamCheck.results(for: sent.exchange, performer: performer, scope: progress.scope)
        return StepJudge(context: context).judge(
            sent, suite: progress.suite, scope: &progress.scope, redactor: &progress.redactor,
            streamCheck: streamCheck)
    }

    /// The request a step sends and the transport options it uses (suite and request timeouts applied).
    func prepare(_ step: Step, suite: Suite, scope: VariableScope) throws(Diagnostic) -> (HTTPRequest, TransportOptions)
    {
        try StepRequest.build(step, suite: suite, scope: scope, context: context)
    }

    /// Status, header, content-type, duration and body checks of one response.
    func evaluate(
        _ expectation: ResponseExpectation, response: HTTPResponse, timings: TransferTimings, suite: Suite,
        scope: VariableScope, redactor: Redactor
    ) -> [CheckResult] {
        StepJudge(context: context).evaluate(
            expectation, response: response, timings: timings, suite: suite, scope: scope, redactor: redactor)
    }

    static func emptyResult(_ step: Step) -> StepResult {
        StepResult(
            name: step.name, location: step.location, verdict: .passed, exchanges: [], checks: [], captures: [:],
            curl: nil, error: nil, durationMs: 0)
    }

    /// A case that could not start at all.
    static func notExecuted(_ testCase: TestCase, in suite: Suite, reason: String) -> CaseResult {
        CaseResult(
            suite: suite.name, name: testCase.name, tags: CaseProgress.tags(of: testCase, in: suite),
            location: testCase.location, verdict: .error, durationMs: 0, steps: [], reason: reason, startedAt: Date())
    }

    static func skippedStep(_ step: Step, because reason: String) -> StepResult {
        var result = emptyResult(step)
        result.verdict = .skipped
        result.error = reason
        return result
    }
}

extension Duration {
    /// This duration in milliseconds, as a Double.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
