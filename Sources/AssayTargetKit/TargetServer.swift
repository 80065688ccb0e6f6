import Foundation

/// The reference target: the policy pipeline (trace, auth, rate limit, idempotency) around the routes.
///
/// Immutable after `init`; the stores it holds guard their own state, so it is `Sendable`.
public final class TargetServer: Sendable {
    /// The options the server was built from.
    public let options: TargetOptions
    let faults: Set<Fault>
    let auth: Auth
    let traces = TraceIDs()
    let limiter: RateLimiter
    let idempotency: IdempotencyStore
    let metrics = Metrics()
    let indexes = IndexStore()
    let catalog: ModelCatalog
    let engine = CompletionEngine()
    /// The process start time, for `created` of models and `/metrics`.
    let startedAt = Date()

    /// Creates a server from options; `clock` (seconds) drives rate limits and idempotency expiry.
    public init(options: TargetOptions, clock: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds) {
        self.options = options
        self.faults = options.faults
        self.auth = Auth(tokens: options.effectiveTokens, mode: options.mode, faults: options.faults)
        self.limiter = RateLimiter(
            rate: options.rateLimit, burst: options.burst, refills: !options.faults.contains(.rateLimitNoRecovery),
            clock: clock)
        self.idempotency = IdempotencyStore(
            ttl: options.faults.contains(.idempotencyNeverExpires) ? .infinity : options.idempotencyTTL, clock: clock)
        self.catalog = ModelCatalog(
            ids: options.effectiveModels, acceptsUnknown: options.faults.contains(.unknownModel200))
    }

    /// Binds 127.0.0.1 and starts serving.
    public func start() throws(ServerError) -> RunningTarget {
        let http = HTTPServer(
            parser: HTTPRequestParser(maxBodyBytes: options.maxBodyBytes),
            limits: HTTPServerLimits(
                maxConnections: options.maxConnections, headTimeout: options.headTimeout,
                idleTimeout: options.idleTimeout),
            handler: { [self] request in handle(request) },
            failureHandler: { [self] refusal in handleRefusal(refusal) })
        let port = try http.start(port: options.port)
        return RunningTarget(port: port, http: http)
    }

    /// The `/v1` route table.
    var v1Router: Router {
        Router(
            routes: modelRoutes + completionRoutes + embeddingRoutes + dreamRoutes
                + (faults.contains(.noIndexes) ? [] : indexRoutes)
                + (faults.contains(.failOnlyByBody) ? [] : debugRoutes))
    }

    /// The unauthenticated routes outside `/v1`.
    var rootRouter: Router { Router(routes: healthRoutes) }

    /// Answers one parsed request.
    public func handle(_ request: HTTPRequest) -> Reply {
        let isV1 = request.path == "/v1" || request.path.hasPrefix("/v1/")
        let (reply, routeKey) = isV1 ? handleV1(request) : handleRoot(request)
        metrics.record(route: routeKey, status: reply.status)
        return decorateTrace(reply)
    }

    /// Answers what never became a request: 413 for size limits, 408 for a slow head, 503 past
    /// the connection cap, 400 otherwise.
    public func handleRefusal(_ refusal: HTTPRefusal) -> HTTPResponse {
        let envelope: ErrorEnvelope
        switch refusal {
        case .parse(.malformed(let message)):
            envelope = ErrorEnvelope(400, "Malformed HTTP request: \(message).", code: "malformed_request")
        case .parse(.bodyTooLarge(let limit)):
            envelope = ErrorEnvelope(413, "The request body exceeds \(limit) bytes.", code: "request_too_large")
        case .parse(.headTooLarge(let limit)):
            envelope = ErrorEnvelope(413, "The request head exceeds \(limit) bytes.", code: "request_too_large")
        case .parse(.trailersTooLarge(let limit)):
            envelope = ErrorEnvelope(413, "The chunk trailers exceed \(limit) bytes.", code: "request_too_large")
        case .headTimeout(let seconds):
            envelope = ErrorEnvelope(
                408, "The request head did not arrive within \(Self.secondsText(seconds)) s.", code: "request_timeout")
        case .overloaded(let limit):
            envelope = ErrorEnvelope(
                503, "The server is at its limit of \(limit) connections; retry shortly.", type: "server_error",
                code: "server_overloaded", headers: [HTTPField("Retry-After", "1")])
        }
        metrics.record(route: "unparsed", status: envelope.status)
        guard case .full(let response) = decorateTrace(.full(envelopeResponse(envelope))) else {
            return envelopeResponse(envelope)
        }
        return response
    }

    private static func secondsText(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private func handleV1(_ request: HTTPRequest) -> (Reply, String) {
        let match = v1Router.match(method: request.method, path: request.path)
        var routeKey = "unknown"
        var scope: Scope?
        switch match {
        case .found(let route, _):
            routeKey = route.key
            scope = route.scope
        case .methodNotAllowed(_, let template): routeKey = "\(request.method) \(template)"
        case .notFound:
            if faults.contains(.routingBeforeAuth) { return (notFound(request), routeKey) }
        }
        let decision = auth.authorize(request.header("Authorization"), scope: scope)
        let principal = (try? decision.get()) ?? .anonymous
        let rate = limiter.take("\(routeKey)|\(principal.key)")
        var reply: Reply
        switch decision {
        case .failure(let envelope): reply = .full(envelopeResponse(envelope))
        case .success where !rate.allowed && !faults.contains(.rateLimitOff): reply = tooManyRequests(rate)
        case .success:
            switch match {
            case .notFound: reply = notFound(request)
            case .methodNotAllowed(let allowed, _): reply = methodNotAllowed(request, allowed: allowed)
            case .found(let route, let parameters):
                let context = RouteContext(request: request, parameters: parameters, principal: principal)
                reply = idempotency.run(context, faults: faults, reject: { self.envelopeResponse($0) }) {
                    Self.debugDelay(request)
                    return route.handler(context)
                }
            }
        }
        return (addRateHeaders(reply, rate), routeKey)
    }

    private func handleRoot(_ request: HTTPRequest) -> (Reply, String) {
        switch rootRouter.match(method: request.method, path: request.path) {
        case .found(let route, let parameters):
            let context = RouteContext(request: request, parameters: parameters, principal: .anonymous)
            return (route.handler(context), route.key)
        case .methodNotAllowed(let allowed, let template):
            return (methodNotAllowed(request, allowed: allowed), "\(request.method) \(template)")
        case .notFound: return (notFound(request), "unknown")
        }
    }
}

extension TargetServer {
    /// Honours `X-Debug-Delay-Ms` (capped at 10 s) before a route runs, so a request can be kept
    /// in flight on purpose, e.g. to observe the idempotency 409.
    static func debugDelay(_ request: HTTPRequest) {
        guard let text = request.header("X-Debug-Delay-Ms"), let ms = Int(text), ms > 0 else { return }
        Thread.sleep(forTimeInterval: Double(min(ms, 10_000)) / 1000)
    }
}

extension Reply {
    /// The status code of either kind of reply.
    var status: Int {
        switch self {
        case .full(let response): response.status
        case .stream(let stream): stream.status
        }
    }
}
