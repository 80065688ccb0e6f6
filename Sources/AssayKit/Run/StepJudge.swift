/// A step whose request went out: everything judging it needs, and nothing tied to a connection.
struct SentStep: Sendable {
    /// The step as it was made ready: shared with the lane that sent it, not copied.
    let ready: StepRequest
    let exchange: Exchange
    /// Checks the exchange already gave rise to (run-wide trace policy, stream checks).
    var checks: [CheckResult]

    init(_ ready: StepRequest, exchange: Exchange, checks: [CheckResult]) {
        self.ready = ready
        self.exchange = exchange
        self.checks = checks
    }

    var step: Step { ready.step }
    /// The step's expectation, resolved for the mode and the step's variables.
    var expectation: ResponseExpectation {
        _read { yield ready.expectation }
    }
    var request: HTTPRequest {
        _read { yield ready.request }
    }
    var options: TransportOptions {
        _read { yield ready.options }
    }
}

/// Judges a sent step: the response's checks, its captures, the record reports keep and the
/// repro of a failure. It holds no client, so it may run on any thread.
///
/// A class: the run has one (`SharedContext`), and a struct holding the run's context was copied,
/// every member of the context retained, each time a step was judged.
final class StepJudge: Sendable {
    let context: RunContext

    init(context: RunContext) {
        self.context = context
    }

    /// The step's result; captures update `scope` and (for secrets) `redactor` for later steps.
    /// The suite comes as the shared object, and only the settings judging needs are read from it.
    func judge(
        _ sent: SentStep, in suite: SharedSuite, scope: inout VariableScope, redactor: inout Redactor,
        streamCheck: StreamCheck? = nil
    ) -> StepResult {
        let defaultCompare = suite.suite.defaults.compare
        let validatesOpenAPI = suite.suite.validatesOpenAPI
        var result = CaseRunner.emptyResult(sent.step)
        var checks = sent.checks
        // `sent.exchange` read in place throughout: a local copy of the exchange retained each of its parts.
        if let failure = sent.exchange.failure, streamCheck == nil || sent.exchange.response == nil {
            result.verdict = .error
            result.error = redactor.redact(
                "could not execute \(sent.request.method) \(sent.request.url): \(failure.kind.rawValue): \(failure.message)"
            )
        } else if let response = sent.exchange.response {
            // Passing checks are described only when they may be shown (`RunContext.describesPassingChecks`).
            // A step that does not pass keeps them all, so it is evaluated again, described, from the scope
            // its captures had not yet changed.
            let describes = context.describesPassingChecks
            // Kept only when captures will change `scope` (a copy would make their writes copy the variables).
            let scopeBeforeCaptures = describes || sent.step.captures.isEmpty ? nil : scope
            let parsedBody = ParsedBody(response)
            var evaluated = evaluate(
                sent.expectation, response: response, timings: sent.exchange.timings, defaultCompare: defaultCompare,
                scope: scope, redactor: redactor, describesPasses: describes, parsedBody: parsedBody)
            var captureFailures: [CheckResult] = []
            for capture in sent.step.captures {
                switch CaptureExtractor.extract(capture, from: response, scope: scope) {
                case .success(let value):
                    scope.set(capture.name, to: value, secret: capture.secret)
                    if capture.secret { redactor.add(value, source: "capture `\(capture.name)`") }
                    result.captures[capture.name] = capture.secret ? Redactor.mask : redactor.redact(value)
                case .failure(let problem):
                    captureFailures.append(
                        .fail("capture", problem.description, subject: capture.name, at: capture.location))
                }
            }
            // After the captures, so a secret captured from this response is redacted from violations.
            var openAPI = openAPIChecks(
                sent, response: response, validatesOpenAPI: validatesOpenAPI, streamCheck: streamCheck,
                redactor: redactor, parsedBody: parsedBody, describesPasses: describes)
            let failed =
                !captureFailures.isEmpty || checks.contains(where: { !$0.passed })
                || evaluated.contains(where: { !$0.passed })  // not exercised too: it keeps every check
                || openAPI.contains(where: { !$0.passed })
            if failed && !describes {
                evaluated = evaluate(
                    sent.expectation, response: response, timings: sent.exchange.timings,
                    defaultCompare: defaultCompare, scope: scopeBeforeCaptures ?? scope, redactor: redactor,
                    parsedBody: parsedBody)
                if openAPI.count == 1 && openAPI[0].passed {
                    openAPI = openAPIChecks(
                        sent, response: response, validatesOpenAPI: validatesOpenAPI, streamCheck: streamCheck,
                        redactor: redactor, parsedBody: parsedBody, tallied: false)
                }
            }
            // Moved rather than copied element by element when nothing came before (the usual case).
            if checks.isEmpty { checks = evaluated } else { checks += evaluated }
            checks += captureFailures
            checks += openAPI
        }
        result.checks = checks
        if result.verdict == .passed { result.verdict = StepResult.verdict(of: checks) }
        // The repro is for failures; building it for every passing step cost as much as a check.
        if result.verdict != .passed {
            result.curl = CurlCommand.render(
                request: sent.request, options: streamCheck?.streamOptions ?? sent.options, redactor: redactor,
                response: sent.exchange.response)
        }
        let detail = context.exchangeDetail(for: result.verdict)
        var record = ExchangeRecord(sent.exchange, redactor: redactor, detail: detail)
        streamCheck?.complete(&record, redactor: redactor, detail: detail)
        result.exchanges = [record]
        result.exchanges += streamCheck?.extraRecords(redactor: redactor, detail: detail) ?? []
        result.keepOnly(detail)
        return result
    }

    /// The exchange against the run's OpenAPI description, unless there is none or the suite
    /// (`validatesOpenAPI`) or the case opted out. A stream step's body went to the stream check,
    /// so its events come from there.
    func openAPIChecks(
        _ sent: SentStep, response: HTTPResponse, validatesOpenAPI: Bool, streamCheck: StreamCheck?,
        redactor: Redactor, parsedBody: ParsedBody? = nil, describesPasses: Bool = true, tallied: Bool = true
    ) -> [CheckResult] {
        guard let openAPI = context.openAPI, validatesOpenAPI, sent.step.validatesOpenAPI else { return [] }
        let json = parsedBody ?? ParsedBody(response)
        var checks = openAPI.checks(
            method: sent.request.method, url: sent.request.url, status: response.status,
            headers: response.headers.fields.map { ($0.name, $0.value) }, body: response.body,
            events: streamCheck?.events, describesPasses: describesPasses, json: json.value, tallied: tallied)
        // Violations quote the body, which may echo a secret.
        for index in checks.indices where !checks[index].message.isEmpty {
            checks[index].message = redactor.redact(checks[index].message)
        }
        return checks
    }

    /// Status, header, content-type, duration and body checks of one response; `defaultCompare`
    /// is the suite's default comparison of bodies.
    func evaluate(
        _ expectation: ResponseExpectation, response: HTTPResponse, timings: TransferTimings,
        defaultCompare: CompareMode?, scope: VariableScope, redactor: Redactor, describesPasses: Bool = true,
        parsedBody: ParsedBody? = nil
    ) -> [CheckResult] {
        var checks = ResponseChecker.check(
            expectation, response: response, timings: timings, redactor: redactor, describesPasses: describesPasses)
        if expectation.stream == nil {
            checks += BodyChecker(
                mode: context.mode, goldens: context.goldenSettings, redactor: redactor,
                describesPasses: describesPasses, parsedBody: parsedBody
            ).check(
                expectation, defaultCompare: defaultCompare, response: response, scope: scope)
        }
        return checks
    }
}
