/// A step made ready to send: its expectation resolved for the mode and the case's variables,
/// and its request and transport options built from the suite's defaults. Building it needs no
/// connection, so a worker thread and the transfer loop build steps the same way.
struct StepRequest: Sendable {
    let step: Step
    let expectation: ResponseExpectation
    let request: HTTPRequest
    let options: TransportOptions

    /// The step ready to send, or the step's error result when a variable, the expectation or
    /// the request cannot be resolved.
    static func make(
        _ step: Step, suite: Suite, scope: VariableScope, redactor: Redactor, context: RunContext,
        defaultHeaders: ResolvedHeaders? = nil, cookieJar: CookieJar? = nil
    ) -> Result<StepRequest, StepFailure> {
        do {
            var expectation = try step.expect.resolved(for: context.mode).resolvingVariables(in: scope)
            if step.expect.checksNothing {
                expectation.status = StatusExpectation(patterns: [.statusClass(2)], location: step.location)
            }
            var (request, options) = try build(
                step, suite: suite, scope: scope, context: context, defaultHeaders: defaultHeaders)
            options.cookieJar = cookieJar
            return .success(StepRequest(step: step, expectation: expectation, request: request, options: options))
        } catch {
            var result = CaseRunner.emptyResult(step)
            result.verdict = .error
            result.error = redactor.redact(error.description)
            return .failure(StepFailure(result: result))
        }
    }

    /// The request a step sends and the transport options it uses (suite and request timeouts applied).
    /// `cookieJar` (to `make`) is the case's or the suite's jar, which every hop stores into and sends from.
    /// `defaultHeaders` are the suite's default headers already resolved (`SharedSuite`), if at hand.
    static func build(
        _ step: Step, suite: Suite, scope: VariableScope, context: RunContext, defaultHeaders: ResolvedHeaders? = nil
    ) throws(Diagnostic) -> (HTTPRequest, TransportOptions) {
        let builder = RequestBuilder(
            target: context.target, defaults: suite.defaults, resolvedDefaults: defaultHeaders)
        let request = try builder.build(step.request, scope: scope)
        return (request, options(for: step, suite: suite, context: context))
    }

    /// Precedence, most specific first: the request's own options, the command line, the suite's
    /// `defaults`, the built-in defaults (already in `context.transport`).
    static func options(for step: Step, suite: Suite, context: RunContext) -> TransportOptions {
        var options = context.transport
        let overrides = context.commandLine
        if let connect = step.request.connectTimeoutMs {
            options.connectTimeout = .milliseconds(connect)
        } else if let connect = overrides.connectTimeout {
            options.connectTimeout = connect
        } else if let connect = suite.defaults.connectTimeoutMs {
            options.connectTimeout = .milliseconds(connect)
        }
        if let total = step.request.totalTimeoutMs {
            options.totalTimeout = .milliseconds(total)
        } else if let total = overrides.totalTimeout {
            options.totalTimeout = total
        } else if let total = suite.defaults.totalTimeoutMs {
            options.totalTimeout = .milliseconds(total)
        }
        // `--cert`/`--cacert` are already in `options` (the command line beats the suite).
        if let tls = suite.defaults.tls {
            if options.clientCertPath == nil, let cert = tls.certPath {
                options.clientCertPath = cert
                options.clientKeyPath = tls.keyPath
            }
            if options.caCertPath == nil, let caCert = tls.caCertPath { options.caCertPath = caCert }
        }
        if let compressed = step.request.compressed { options.decompress = compressed }
        if let redirects = step.request.redirects {
            options.followRedirects = redirects.follow
            if let most = redirects.max { options.maxRedirects = most }
        }
        return options
    }
}

/// A step that ended before anything was sent; its result says why.
struct StepFailure: Error {
    let result: StepResult
}
