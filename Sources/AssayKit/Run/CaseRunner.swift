import Foundation

/// Runs one case, step by step, on the calling thread with the worker's own client.
/// A failed or unexecutable step skips the rest of the case. Replay and rate-limit
/// cases hand their single step to their own runners (in `Checks/`), which reuse
/// `prepare` and `evaluate` so every request is built and judged the same way.
struct CaseRunner {
    let context: RunContext
    let client: CurlClient

    func run(_ testCase: TestCase, in planned: PlannedSuite, redactor baseRedactor: Redactor) -> CaseResult {
        let started = ContinuousClock.now
        var result = CaseResult(
            suite: planned.suite.name, name: testCase.name, tags: testCase.tags + planned.suite.tags,
            location: testCase.location, verdict: .passed, durationMs: 0, steps: [], reason: nil, startedAt: Date())
        if let reason = testCase.skip {
            result.verdict = .skipped
            result.reason = reason
            return result
        }
        var scope = planned.scope
        var redactor = baseRedactor
        let performer = ExchangePerformer(
            client: client, context: context, suite: planned.suite,
            origin: TraceOrigin(suite: planned.suite.name, caseName: testCase.name))
        for step in testCase.steps {
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
                stepResult = runStep(
                    step, suite: planned.suite, scope: &scope, redactor: &redactor, performer: performer)
            }
            result.verdict = result.verdict.combined(with: stepResult.verdict)
            result.steps.append(stepResult)
        }
        result.durationMs = started.duration(to: .now).milliseconds
        return result
    }

    /// A plain step: one request, its checks, its captures, timed.
    private func runStep(
        _ step: Step, suite: Suite, scope: inout VariableScope, redactor: inout Redactor, performer: ExchangePerformer
    ) -> StepResult {
        let started = ContinuousClock.now
        var result = performStep(step, suite: suite, scope: &scope, redactor: &redactor, performer: performer)
        result.durationMs = started.duration(to: .now).milliseconds
        return result
    }

    private func performStep(
        _ step: Step, suite: Suite, scope: inout VariableScope, redactor: inout Redactor, performer: ExchangePerformer
    ) -> StepResult {
        var result = Self.emptyResult(step)
        let expectation: ResponseExpectation
        let request: HTTPRequest
        let options: TransportOptions
        do {
            expectation = try step.expect.resolved(for: context.mode).resolvingVariables(in: scope)
            (request, options) = try prepare(step, suite: suite, scope: scope)
        } catch {
            result.verdict = .error
            result.error = redactor.redact(error.description)
            return result
        }
        let streamCheck = expectation.stream.map { StreamCheck(spec: $0, context: context, redactor: redactor) }
        let (exchange, runChecks) = performer.perform(
            request, options: streamCheck?.transportOptions(options) ?? options, observer: streamCheck?.observer)
        var checks = runChecks
        if let streamCheck {
            checks += streamCheck.results(for: exchange, performer: performer, scope: scope)
        }
        if let failure = exchange.failure, streamCheck == nil || exchange.response == nil {
            result.verdict = .error
            result.error = redactor.redact(
                "could not execute \(request.method) \(request.url): \(failure.kind.rawValue): \(failure.message)")
        } else if let response = exchange.response {
            checks += evaluate(
                expectation, response: response, timings: exchange.timings, suite: suite, scope: scope,
                redactor: redactor)
            for capture in step.captures {
                switch CaptureExtractor.extract(capture, from: response, scope: scope) {
                case .success(let value):
                    scope.set(capture.name, to: value, secret: capture.secret)
                    if capture.secret { redactor.add(value) }
                    result.captures[capture.name] = capture.secret ? Redactor.mask : redactor.redact(value)
                case .failure(let problem):
                    checks.append(.fail("capture", problem.description, subject: capture.name, at: capture.location))
                }
            }
        }
        result.checks = checks
        if result.verdict == .passed && checks.contains(where: { !$0.passed }) { result.verdict = .failed }
        // The repro is for failures; building it for every passing step cost as much as a check.
        if result.verdict != .passed {
            result.curl = CurlCommand.render(request: request, options: options, redactor: redactor)
        }
        let detail = context.exchangeDetail(for: result.verdict)
        var record = ExchangeRecord(exchange, redactor: redactor, detail: detail)
        streamCheck?.complete(&record, redactor: redactor, detail: detail)
        result.exchanges = [record]
        result.exchanges += streamCheck?.extraRecords(redactor: redactor, detail: detail) ?? []
        result.keepOnly(detail)
        return result
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
        var checks = ResponseChecker.check(expectation, response: response, timings: timings, redactor: redactor)
        if expectation.stream == nil {
            checks += BodyChecker(context: context, redactor: redactor).check(
                expectation, defaultCompare: suite.defaults.compare, response: response, scope: scope)
        }
        return checks
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
