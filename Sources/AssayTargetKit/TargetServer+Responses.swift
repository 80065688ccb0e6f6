import Foundation

/// Shared ways of building responses, each reading the faults that apply to its clause.
extension TargetServer {
    /// An envelope response, without `param` under `envelope-missing-param`.
    func envelopeResponse(_ envelope: ErrorEnvelope) -> HTTPResponse {
        envelope.response(includeParam: !faults.contains(.envelopeMissingParam))
    }

    /// An envelope reply.
    func fail(_ envelope: ErrorEnvelope) -> Reply { .full(envelopeResponse(envelope)) }

    /// 404 for an unknown route, or the framework body under `envelope-framework-404`.
    func notFound(_ request: HTTPRequest) -> Reply {
        if faults.contains(.envelopeFramework404) {
            return .full(.json(404, .object([("detail", .string("Not Found"))])))
        }
        return fail(.unknownURL(request.method, request.path))
    }

    /// 405 for a wrong method, or the framework body under `wrong-method-framework-405`.
    func methodNotAllowed(_ request: HTTPRequest, allowed: [String]) -> Reply {
        if faults.contains(.wrongMethodFramework405) {
            var response = HTTPResponse.json(405, .object([("detail", .string("Method Not Allowed"))]))
            response.headers.append(HTTPField("Allow", allowed.joined(separator: ", ")))
            return .full(response)
        }
        return fail(.methodNotAllowed(request.method, request.path, allowed: allowed))
    }

    /// 429 with Retry-After (integer seconds, at least 1) unless `no-retry-after`; 120 s with `long-retry-after`.
    func tooManyRequests(_ rate: RateDecision) -> Reply {
        var headers: [HTTPField] = []
        if !faults.contains(.noRetryAfter) {
            var seconds = rate.retryAfterSeconds.isFinite ? max(1, Int(rate.retryAfterSeconds.rounded(.up))) : 1
            if faults.contains(.longRetryAfter) { seconds = 120 }
            headers.append(HTTPField("Retry-After", String(seconds)))
        }
        return fail(
            ErrorEnvelope(
                429, "Rate limit reached for requests on this route; retry after the Retry-After delay.",
                type: "requests", code: "rate_limit_exceeded", headers: headers))
    }

    /// Adds the `x-ratelimit-*` headers to a `/v1` reply.
    func addRateHeaders(_ reply: Reply, _ rate: RateDecision) -> Reply {
        guard !faults.contains(.noRateLimitHeaders) else { return reply }
        let remaining = faults.contains(.remainingConstant) ? rate.limit : rate.remaining
        return reply.addingHeaders([
            HTTPField("x-ratelimit-limit-requests", String(rate.limit)),
            HTTPField("x-ratelimit-remaining-requests", String(remaining)),
            HTTPField("x-ratelimit-reset-requests", RateLimiter.durationText(rate.resetSeconds)),
        ])
    }

    /// Adds X-Trace-Id and an equal X-Request-Id, except where a trace fault removes them.
    func decorateTrace(_ reply: Reply) -> Reply {
        let status = reply.status
        var isStream = false
        if case .stream = reply { isStream = true }
        if faults.contains(.noTraceHeader) || (status >= 500 && faults.contains(.noTraceOn500))
            || (status == 429 && faults.contains(.noTraceOn429))
            || (status == 401 && faults.contains(.noTraceOn401)) || (isStream && faults.contains(.noTraceOnStream))
        {
            return reply
        }
        let trace = faults.contains(.traceNotUnique) ? TraceIDs.constant : traces.next()
        let requestID = faults.contains(.requestIdMismatch) ? traces.next() : trace
        return reply.addingHeaders([HTTPField("X-Trace-Id", trace), HTTPField("X-Request-Id", requestID)])
    }

    /// Parses the JSON body of a POST: 415 for a non-JSON content type, 400 (or the plain 500 fault) otherwise.
    func jsonBody(_ context: RouteContext) -> Result<RequestJSON, ReplyError> {
        if let type = context.request.header("Content-Type"), !type.lowercased().contains("json") {
            return .failure(
                ReplyError(
                    fail(
                        ErrorEnvelope(
                            415, "Content-Type '\(type)' is not supported; send application/json.",
                            code: "unsupported_media_type"))))
        }
        guard let json = RequestJSON.parse(context.request.body) else {
            if faults.contains(.invalidJSON500Plain) {
                return .failure(ReplyError(.full(.text(500, "Internal Server Error"))))
            }
            return .failure(ReplyError(fail(.invalidJSON())))
        }
        return .success(json)
    }
}

/// A reply carried as an error, so route code can `return` early from `Result` chains.
struct ReplyError: Error {
    let reply: Reply
    init(_ reply: Reply) { self.reply = reply }
}

extension Reply {
    /// The same reply with more headers.
    func addingHeaders(_ fields: [HTTPField]) -> Reply {
        switch self {
        case .full(var response):
            response.headers += fields
            return .full(response)
        case .stream(var stream):
            stream.headers += fields
            return .stream(stream)
        }
    }
}
