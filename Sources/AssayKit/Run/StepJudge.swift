/// A step whose request went out: everything judging it needs, and nothing tied to a connection.
struct SentStep: Sendable {
    let step: Step
    /// The step's expectation, resolved for the mode and the step's variables.
    let expectation: ResponseExpectation
    let request: HTTPRequest
    let options: TransportOptions
    let exchange: Exchange
    /// Checks the exchange already gave rise to (run-wide trace policy, stream checks).
    var checks: [CheckResult]

    init(_ ready: StepRequest, exchange: Exchange, checks: [CheckResult]) {
        self.step = ready.step
        self.expectation = ready.expectation
        self.request = ready.request
        self.options = ready.options
        self.exchange = exchange
        self.checks = checks
    }
}

/// Judges a sent step: the response's checks, its captures, the record reports keep and the
/// repro of a failure. It holds no client, so it may run on any thread.
struct StepJudge: Sendable {
    let context: RunContext

    /// The step's result; captures update `scope` and (for secrets) `redactor` for later steps.
    func judge(
        _ sent: SentStep, suite: Suite, scope: inout VariableScope, redactor: inout Redactor,
        streamCheck: StreamCheck? = nil
    ) -> StepResult {
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
                sent.expectation, response: response, timings: sent.exchange.timings, suite: suite, scope: scope,
                redactor: redactor, describesPasses: describes, parsedBody: parsedBody)
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
                sent, response: response, suite: suite, streamCheck: streamCheck, redactor: redactor,
                parsedBody: parsedBody, describesPasses: describes)
            let failed =
                !captureFailures.isEmpty || checks.contains(where: { !$0.passed })
                || evaluated.contains(where: { !$0.passed })  // not exercised too: it keeps every check
                || openAPI.contains(where: { !$0.passed })
            if failed && !describes {
                evaluated = evaluate(
                    sent.expectation, response: response, timings: sent.exchange.timings, suite: suite,
                    scope: scopeBeforeCaptures ?? scope, redactor: redactor, parsedBody: parsedBody)
                if openAPI.count == 1 && openAPI[0].passed {
                    openAPI = openAPIChecks(
                        sent, response: response, suite: suite, streamCheck: streamCheck, redactor: redactor,
                        parsedBody: parsedBody, tallied: false)
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
                request: sent.request, options: sent.options, redactor: redactor, response: sent.exchange.response)
        }
        let detail = context.exchangeDetail(for: result.verdict)
        var record = ExchangeRecord(sent.exchange, redactor: redactor, detail: detail)
        streamCheck?.complete(&record, redactor: redactor, detail: detail)
        result.exchanges = [record]
        result.exchanges += streamCheck?.extraRecords(redactor: redactor, detail: detail) ?? []
        result.keepOnly(detail)
        return result
    }

    /// The exchange against the run's OpenAPI description, unless there is none or the suite or
    /// the case opted out. A stream step's body went to the stream check, so its events come from there.
    func openAPIChecks(
        _ sent: SentStep, response: HTTPResponse, suite: Suite, streamCheck: StreamCheck?, redactor: Redactor,
        parsedBody: ParsedBody? = nil, describesPasses: Bool = true, tallied: Bool = true
    ) -> [CheckResult] {
        guard let openAPI = context.openAPI, suite.validatesOpenAPI, sent.step.validatesOpenAPI else { return [] }
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

    /// Status, header, content-type, duration and body checks of one response.
    func evaluate(
        _ expectation: ResponseExpectation, response: HTTPResponse, timings: TransferTimings, suite: Suite,
        scope: VariableScope, redactor: Redactor, describesPasses: Bool = true, parsedBody: ParsedBody? = nil
    ) -> [CheckResult] {
        var checks = ResponseChecker.check(
            expectation, response: response, timings: timings, redactor: redactor, describesPasses: describesPasses)
        if expectation.stream == nil {
            checks += BodyChecker(
                mode: context.mode, goldens: context.goldenSettings, redactor: redactor,
                describesPasses: describesPasses, parsedBody: parsedBody
            ).check(
                expectation, defaultCompare: suite.defaults.compare, response: response, scope: scope)
        }
        return checks
    }
}
