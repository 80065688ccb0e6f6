/// One deliberate break of exactly one contract clause, switched on with `--fault NAME`.
///
/// This enum is the single fault table: `--help` and `docs/TARGET.md` both render `summary`, and
/// the server checks membership in a `Set<Fault>` at the exact point where each clause is produced.
public enum Fault: String, CaseIterable, Sendable, Comparable {
    // Trace ids.
    case noTraceOn500 = "no-trace-on-500"
    case noTraceOn429 = "no-trace-on-429"
    case noTraceOn401 = "no-trace-on-401"
    case noTraceOnStream = "no-trace-on-stream"
    case traceNotUnique = "trace-not-unique"
    case requestIdMismatch = "request-id-mismatch"
    // Error envelopes.
    case envelopeMissingParam = "envelope-missing-param"
    case envelopeFramework404 = "envelope-framework-404"
    case wrongMethodFramework405 = "wrong-method-framework-405"
    case invalidJSON500Plain = "invalid-json-500-plain"
    case unknownModel200 = "unknown-model-200"
    // Auth.
    case auth403As401 = "auth-403-as-401"
    case auth401As400 = "auth-401-as-400"
    case strictAcceptsAnonymous = "strict-accepts-anonymous"
    case permissiveRejectsAnonymous = "permissive-rejects-anonymous"
    case malformedSchemeAccepted = "malformed-scheme-accepted"
    case emptyTokenAccepted = "empty-token-accepted"
    case unknownTokenAccepted = "unknown-token-accepted"
    case routingBeforeAuth = "routing-before-auth"
    // Streams.
    case noHeartbeat = "no-heartbeat"
    case slowHeartbeat = "slow-heartbeat"
    case noDone = "no-done"
    case noCompletedEvent = "no-completed-event"
    case truncatedStream = "truncated-stream"
    case errorInside200Stream = "error-inside-200-stream"
    case sseWrongContentType = "sse-wrong-content-type"
    case streamIgnored = "stream-ignored"
    case sequenceNumberGap = "sequence-number-gap"
    case eventOrderWrong = "event-order-wrong"
    case eventTypeMismatch = "event-type-mismatch"
    case usageChunkMissing = "usage-chunk-missing"
    case streamDeltasDiverge = "stream-deltas-diverge"
    // Idempotency.
    case idempotencyIgnored = "idempotency-ignored"
    case idempotencyIgnoresBody = "idempotency-ignores-body"
    case idempotencyInFlightServed = "idempotency-in-flight-served"
    case idempotencyNotScoped = "idempotency-not-scoped"
    case noReplayMarker = "no-replay-marker"
    case replayRegenerates = "replay-regenerates"
    // Rate limits.
    case rateLimitOff = "rate-limit-off"
    case rateLimitNoRecovery = "rate-limit-no-recovery"
    case noRetryAfter = "no-retry-after"
    case remainingConstant = "remaining-constant"
    case noRateLimitHeaders = "no-ratelimit-headers"
    // OpenAPI.
    case openapiMissingVersion = "openapi-missing-version"
    case openapiMissingServers = "openapi-missing-servers"
    case openapiMissingHeaderComponents = "openapi-missing-header-components"
    // Parity, indexes and health.
    case chatResponsesDiverge = "chat-responses-diverge"
    case indexSearchAfterDelete = "index-search-after-delete"
    case indexBadInputFramework422 = "index-bad-input-framework-422"
    case healthzDown = "healthz-down"
    case readyzDown = "readyz-down"

    /// Orders faults by their name, for stable listings.
    public static func < (lhs: Fault, rhs: Fault) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The contract area the fault belongs to, used to group the table.
    public var area: String {
        switch self {
        case .noTraceOn500, .noTraceOn429, .noTraceOn401, .noTraceOnStream, .traceNotUnique, .requestIdMismatch:
            "trace"
        case .envelopeMissingParam, .envelopeFramework404, .wrongMethodFramework405, .invalidJSON500Plain,
            .unknownModel200:
            "envelope"
        case .auth403As401, .auth401As400, .strictAcceptsAnonymous, .permissiveRejectsAnonymous,
            .malformedSchemeAccepted, .emptyTokenAccepted, .unknownTokenAccepted, .routingBeforeAuth:
            "auth"
        case .noHeartbeat, .slowHeartbeat, .noDone, .noCompletedEvent, .truncatedStream, .errorInside200Stream,
            .sseWrongContentType, .streamIgnored, .sequenceNumberGap, .eventOrderWrong, .eventTypeMismatch,
            .usageChunkMissing, .streamDeltasDiverge:
            "stream"
        case .idempotencyIgnored, .idempotencyIgnoresBody, .idempotencyInFlightServed, .idempotencyNotScoped,
            .noReplayMarker, .replayRegenerates:
            "idempotency"
        case .rateLimitOff, .rateLimitNoRecovery, .noRetryAfter, .remainingConstant, .noRateLimitHeaders:
            "rate-limit"
        case .openapiMissingVersion, .openapiMissingServers, .openapiMissingHeaderComponents: "openapi"
        case .chatResponsesDiverge: "parity"
        case .indexSearchAfterDelete, .indexBadInputFramework422: "index"
        case .healthzDown, .readyzDown: "health"
        }
    }

    /// What the fault breaks, in one sentence.
    public var summary: String {
        switch self {
        case .noTraceOn500: "5xx responses carry no X-Trace-Id / X-Request-Id."
        case .noTraceOn429: "429 responses carry no X-Trace-Id / X-Request-Id."
        case .noTraceOn401: "401 responses carry no X-Trace-Id / X-Request-Id."
        case .noTraceOnStream: "SSE responses carry no X-Trace-Id / X-Request-Id."
        case .traceNotUnique: "Every response carries the same trace id."
        case .requestIdMismatch: "X-Request-Id differs from X-Trace-Id."
        case .envelopeMissingParam: "Error envelopes omit the `param` key."
        case .envelopeFramework404: "Unknown routes answer 404 {\"detail\":\"Not Found\"} instead of the envelope."
        case .wrongMethodFramework405: "Wrong methods answer 405 {\"detail\":\"Method Not Allowed\"}."
        case .invalidJSON500Plain: "Invalid JSON bodies answer a plain-text 500 instead of a 400 envelope."
        case .unknownModel200: "Unknown model ids are served with 200 instead of 404 model_not_found."
        case .auth403As401: "A valid token lacking the route's scope gets 401 instead of 403."
        case .auth401As400: "Auth failures answer 400 instead of 401."
        case .strictAcceptsAnonymous: "Strict mode serves requests without an Authorization header."
        case .permissiveRejectsAnonymous: "Permissive mode answers 401 to anonymous requests."
        case .malformedSchemeAccepted: "A known token under a non-Bearer scheme is accepted."
        case .emptyTokenAccepted: "`Authorization: Bearer` with an empty token is served anonymously."
        case .unknownTokenAccepted: "Any unknown bearer token is accepted with every scope."
        case .routingBeforeAuth: "Unknown /v1 routes answer 404 before auth runs (401 expected)."
        case .noHeartbeat: "Streams send no `: ping` heartbeats while the answer is pending."
        case .slowHeartbeat: "Heartbeats come at 4x the configured --heartbeat-ms."
        case .noDone: "Chat streams end without `data: [DONE]`."
        case .noCompletedEvent: "Responses streams end without the `response.completed` event."
        case .truncatedStream: "Streams stop cleanly after two deltas: no finish, no terminator."
        case .errorInside200Stream: "Streams send an error frame inside the 200 after two deltas."
        case .sseWrongContentType: "Streams are labelled text/plain instead of text/event-stream."
        case .streamIgnored: "`\"stream\": true` is ignored and a JSON body is returned."
        case .sequenceNumberGap: "Responses stream sequence_number skips a value after the first delta."
        case .eventOrderWrong: "Responses stream sends content_part.done before output_text.done."
        case .eventTypeMismatch: "Responses stream `event:` names differ from the data `type` on deltas."
        case .usageChunkMissing: "Chat streams omit the usage chunk despite stream_options.include_usage."
        case .streamDeltasDiverge: "Streamed deltas concatenate to a different text than the JSON answer."
        case .idempotencyIgnored: "Idempotency-Key is ignored: no replay, no 409, no 422."
        case .idempotencyIgnoresBody: "Same key with a different body replays the first answer instead of 422."
        case .idempotencyInFlightServed: "Same key while the first is in flight is served again instead of 409."
        case .idempotencyNotScoped: "Idempotency keys are shared between principals."
        case .noReplayMarker: "Replays omit `Idempotent-Replayed: true`."
        case .replayRegenerates: "Replays recompute the answer (new id and created) instead of replaying it."
        case .rateLimitOff: "The rate limit never answers 429."
        case .rateLimitNoRecovery: "Rate-limit buckets never refill, so there is no cool-down."
        case .noRetryAfter: "429 responses omit Retry-After."
        case .remainingConstant: "x-ratelimit-remaining-requests never decreases."
        case .noRateLimitHeaders: "/v1 responses omit the x-ratelimit-* headers."
        case .openapiMissingVersion: "/openapi.json omits info.x-service-version."
        case .openapiMissingServers: "/openapi.json omits servers."
        case .openapiMissingHeaderComponents: "/openapi.json omits components.headers."
        case .chatResponsesDiverge: "Chat completions answer a different text than /v1/responses for the same input."
        case .indexSearchAfterDelete: "A deleted index still answers search (GET still 404s)."
        case .indexBadInputFramework422: "Index bad input answers 422 {\"detail\":[...]} instead of the envelope."
        case .healthzDown: "/healthz answers 503."
        case .readyzDown: "/readyz answers 503."
        }
    }
}
