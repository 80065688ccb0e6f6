import Foundation

/// Runs one case, step by step, on the calling thread with the worker's own client.
/// A failed or unexecutable step skips the rest of the case. Replay and rate-limit
/// cases hand their single step to their own runners (in `Checks/`), which reuse
/// `prepare` and `evaluate` so every request is built and judged the same way.
///
/// Judging a plain step's response needs no connection (`StepJudge`), so the last step's
/// judgement can be handed back undone (`CaseOutcome.judging`): the scheduler judges it on
/// another thread while this worker already sends the next case's request.
struct CaseRunner {
    let context: RunContext
    let client: CurlClient

    func run(
        _ testCase: TestCase, in planned: PlannedSuite, redactor baseRedactor: Redactor,
        defersLastJudgement: Bool = false
    ) -> CaseOutcome {
        let started = ContinuousClock.now
        var result = CaseResult(
            suite: planned.suite.name, name: testCase.name, tags: testCase.tags + planned.suite.tags,
            location: testCase.location, verdict: .passed, durationMs: 0, steps: [], reason: nil, startedAt: Date())
        if let reason = testCase.skip {
            result.verdict = .skipped
            result.reason = reason
            return .finished(result)
        }
        var scope = planned.scope
        var redactor = baseRedactor
        let performer = ExchangePerformer(
            client: client, context: context, suite: planned.suite,
            origin: TraceOrigin(suite: planned.suite.name, caseName: testCase.name))
        for (position, step) in testCase.steps.enumerated() {
            if result.verdict != .passed {
                result.steps.append(Self.skippedStep(step, because: "an earlier step did not pass"))
                continue
            }
            let stepResult: StepResult
            if let replay = testCase.replay {
                stepResult = runReplay(
                    replay, step: step, suite: planned.suite, scope: scope, redactor: redactor, performer: performer)
            } else if let rateLimit = testCase.rateLimit {
                stepResult = runRateLimit(
                    rateLimit, step: step, suite: planned.suite, scope: scope, redactor: redactor, performer: performer)
            } else {
                let stepStarted = ContinuousClock.now
                let sending = send(step, suite: planned.suite, scope: scope, redactor: redactor, performer: performer)
                if defersLastJudgement, position == testCase.steps.count - 1, case .sent(let sent) = sending {
                    // The rest is judging: hand it back so the worker can send the next case's request.
                    return handOff(
                        sent, result: result, suite: planned.suite, scope: scope, redactor: redactor,
                        caseStarted: started, stepStarted: stepStarted)
                }
                stepResult = judge(
                    sending, suite: planned.suite, scope: &scope, redactor: &redactor, performer: performer,
                    started: stepStarted)
            }
            result.verdict = result.verdict.combined(with: stepResult.verdict)
            result.steps.append(stepResult)
        }
        result.durationMs = started.duration(to: .now).milliseconds
        return .finished(result)
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
    private func send(
        _ step: Step, suite: Suite, scope: VariableScope, redactor: Redactor, performer: ExchangePerformer
    ) -> Sending {
        let expectation: ResponseExpectation
        let request: HTTPRequest
        let options: TransportOptions
        do {
            expectation = try step.expect.resolved(for: context.mode).resolvingVariables(in: scope)
            (request, options) = try prepare(step, suite: suite, scope: scope)
        } catch {
            var result = Self.emptyResult(step)
            result.verdict = .error
            result.error = redactor.redact(error.description)
            return .done(result)
        }
        let streamCheck = expectation.stream.map { StreamCheck(spec: $0, context: context, redactor: redactor) }
        let (exchange, checks) = performer.perform(
            request, options: streamCheck?.transportOptions(options) ?? options, observer: streamCheck?.observer)
        let sent = SentStep(
            step: step, expectation: expectation, request: request, options: options, exchange: exchange,
            checks: checks)
        if let streamCheck { return .streamed(sent, streamCheck) }
        return .sent(sent)
    }

    /// Judges what sending a step produced, here on the worker; the step is timed from `started`.
    private func judge(
        _ sending: Sending, suite: Suite, scope: inout VariableScope, redactor: inout Redactor,
        performer: ExchangePerformer, started: ContinuousClock.Instant
    ) -> StepResult {
        var result: StepResult
        switch sending {
        case .done(let done): result = done
        case .sent(let sent):
            result = StepJudge(context: context).judge(sent, suite: suite, scope: &scope, redactor: &redactor)
        case .streamed(let sent, let streamCheck):
            result = judgeStream(
                sent, streamCheck, suite: suite, scope: &scope, redactor: &redactor, performer: performer)
        }
        result.durationMs = started.duration(to: .now).milliseconds
        return result
    }

    /// The case so far plus the judgement of its last, sent step, to run on another thread. The step
    /// and the case are timed as if judged here: the time until the response plus the judging.
    private func handOff(
        _ sent: SentStep, result: CaseResult, suite: Suite, scope: VariableScope, redactor: Redactor,
        caseStarted: ContinuousClock.Instant, stepStarted: ContinuousClock.Instant
    ) -> CaseOutcome {
        let judge = StepJudge(context: context)
        let sentAt = ContinuousClock.now
        let sending = stepStarted.duration(to: sentAt)
        let elapsed = caseStarted.duration(to: sentAt)
        return .judging {
            var result = result
            var scope = scope
            var redactor = redactor
            let judging = ContinuousClock.now
            var last = judge.judge(sent, suite: suite, scope: &scope, redactor: &redactor)
            let judged = judging.duration(to: .now)
            last.durationMs = (sending + judged).milliseconds
            result.verdict = result.verdict.combined(with: last.verdict)
            result.steps.append(last)
            result.durationMs = (elapsed + judged).milliseconds
            return result
        }
    }

    /// Judges a streamed step: the stream's own checks (which may send the non-stream request), then
    /// the common ones.
    private func judgeStream(
        _ sent: SentStep, _ streamCheck: StreamCheck, suite: Suite, scope: inout VariableScope,
        redactor: inout Redactor, performer: ExchangePerformer
    ) -> StepResult {
        var sent = sent
        sent.checks += streamCheck.results(for: sent.exchange, performer: performer, scope: scope)
        return StepJudge(context: context).judge(
            sent, suite: suite, scope: &scope, redactor: &redactor, streamCheck: streamCheck)
    }

    /// The request a step sends and the transport options it uses (suite and request timeouts applied).
    func prepare(_ step: Step, suite: Suite, scope: VariableScope) throws(Diagnostic) -> (HTTPRequest, TransportOptions)
    {
        let request = try RequestBuilder(target: context.target, defaults: suite.defaults).build(
            step.request, scope: scope)
        var options = context.transport
        if let connect = step.request.connectTimeoutMs ?? suite.defaults.connectTimeoutMs {
            options.connectTimeout = .milliseconds(connect)
        }
        if let total = step.request.totalTimeoutMs ?? suite.defaults.totalTimeoutMs {
            options.totalTimeout = .milliseconds(total)
        }
        return (request, options)
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
    static func notExecuted(_ testCase: TestCase, in planned: PlannedSuite, reason: String) -> CaseResult {
        CaseResult(
            suite: planned.suite.name, name: testCase.name, tags: testCase.tags + planned.suite.tags,
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
