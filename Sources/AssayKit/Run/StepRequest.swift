/// A step made ready to send: its expectation resolved for the mode and the case's variables,
/// and its request and transport options built from the suite's defaults. Building it needs no
/// connection, so a worker thread and the transfer loop build steps the same way.
///
/// A class: once built it is handed to the lane, kept while the transfer runs and handed to the
/// judge (`SentStep`), and each hand-over then copies one reference instead of the request, the
/// expectation and the options with every member of each.
final class StepRequest: Sendable {
    let step: Step
    let expectation: ResponseExpectation
    let request: HTTPRequest
    let options: TransportOptions

    init(step: Step, expectation: ResponseExpectation, request: HTTPRequest, options: TransportOptions) {
        self.step = step
        self.expectation = expectation
        self.request = request
        self.options = options
    }

    /// The step ready to send, or the step's error result when a variable, the expectation or
    /// the request cannot be resolved. The suite and the run's context come as the shared objects
    /// and only the parts needed are read from them: either passed whole was copied, every member
    /// retained, for each request.
    static func make(
        _ step: Step, in suite: SharedSuite, scope: VariableScope, redactor: Redactor, context: SharedContext,
        cookieJar: CookieJar? = nil
    ) -> Result<StepRequest, StepFailure> {
        do {
            var expectation = try step.expect.resolved(for: context.context.mode).resolvingVariables(in: scope)
            // Judged as it applies in the run's mode: an `expect` with only a `strict` block
            // checks nothing in permissive mode, so there too the step expects `2xx`.
            if expectation.checksNothing {
                expectation.status = StatusExpectation(patterns: [.statusClass(2)], location: step.location)
            }
            let builder = RequestBuilder(
                target: context.context.target, defaults: suite.suite.defaults, resolvedDefaults: suite.defaultHeaders)
            let request = try builder.build(step.request, scope: scope)
            let options = options(for: step, in: suite, context: context, cookieJar: cookieJar)
            return .success(StepRequest(step: step, expectation: expectation, request: request, options: options))
        } catch {
            var result = CaseRunner.emptyResult(step)
            result.verdict = .error
            result.error = redactor.redact(error.description)
            return .failure(StepFailure(result: result))
        }
    }

    /// The transport options a step uses. Precedence, most specific first: the request's own
    /// options, the command line, the suite's `defaults`, the built-in defaults (already in the
    /// context's `transport`). `cookieJar` is the case's or the suite's jar, which every hop stores
    /// into and sends from.
    static func options(
        for step: Step, in suite: SharedSuite, context: SharedContext, cookieJar: CookieJar?
    ) -> TransportOptions {
        var options = context.context.transport
        options.cookieJar = cookieJar
        let overrides = context.context.commandLine
        if let connect = step.request.connectTimeoutMs {
            options.connectTimeout = .milliseconds(connect)
        } else if let connect = overrides.connectTimeout {
            options.connectTimeout = connect
        } else if let connect = suite.suite.defaults.connectTimeoutMs {
            options.connectTimeout = .milliseconds(connect)
        }
        if let total = step.request.totalTimeoutMs {
            options.totalTimeout = .milliseconds(total)
        } else if let total = overrides.totalTimeout {
            options.totalTimeout = total
        } else if let total = suite.suite.defaults.totalTimeoutMs {
            options.totalTimeout = .milliseconds(total)
        }
        // `--cert`/`--cacert` are already in `options` (the command line beats the suite).
        if let tls = suite.suite.defaults.tls {
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
