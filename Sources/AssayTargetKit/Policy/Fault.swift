/// One deliberate break of exactly one contract clause, switched on with `--fault NAME`.
///
/// The server checks membership in a `Set<Fault>` at the exact point where each clause is produced.
/// The cases are only names: what each fault breaks lives in one place, `Fault.table`, which
/// `area`, `summary`, `--help` and `docs/TARGET.md` are all read from.
public enum Fault: String, CaseIterable, Sendable, Comparable {
    case noTraceOn500 = "no-trace-on-500"
    case noTraceOn429 = "no-trace-on-429"
    case noTraceOn401 = "no-trace-on-401"
    case noTraceOnStream = "no-trace-on-stream"
    case noTraceHeader = "no-trace-header"
    case traceNotUnique = "trace-not-unique"
    case requestIdMismatch = "request-id-mismatch"
    case envelopeMissingParam = "envelope-missing-param"
    case envelopeFramework404 = "envelope-framework-404"
    case wrongMethodFramework405 = "wrong-method-framework-405"
    case invalidJSON500Plain = "invalid-json-500-plain"
    case unknownModel200 = "unknown-model-200"
    case auth403As401 = "auth-403-as-401"
    case auth401As400 = "auth-401-as-400"
    case strictAcceptsAnonymous = "strict-accepts-anonymous"
    case permissiveRejectsAnonymous = "permissive-rejects-anonymous"
    case malformedSchemeAccepted = "malformed-scheme-accepted"
    case emptyTokenAccepted = "empty-token-accepted"
    case unknownTokenAccepted = "unknown-token-accepted"
    case routingBeforeAuth = "routing-before-auth"
    case noHeartbeat = "no-heartbeat"
    case slowHeartbeat = "slow-heartbeat"
    case immediateFirstToken = "immediate-first-token"
    case noDone = "no-done"
    case noCompletedEvent = "no-completed-event"
    case truncatedStream = "truncated-stream"
    case cutFrame = "cut-frame"
    case errorInside200Stream = "error-inside-200-stream"
    case sseWrongContentType = "sse-wrong-content-type"
    case streamIgnored = "stream-ignored"
    case sequenceNumberGap = "sequence-number-gap"
    case eventOrderWrong = "event-order-wrong"
    case eventTypeMismatch = "event-type-mismatch"
    case usageChunkMissing = "usage-chunk-missing"
    case streamDeltasDiverge = "stream-deltas-diverge"
    case streamErrorSilentClose = "stream-error-silent-close"
    case streamErrorSwallowed = "stream-error-swallowed"
    case streamErrorBare = "stream-error-bare"
    case idempotencyIgnored = "idempotency-ignored"
    case idempotencyIgnoresBody = "idempotency-ignores-body"
    case idempotencyInFlightServed = "idempotency-in-flight-served"
    case idempotencyNotScoped = "idempotency-not-scoped"
    case noReplayMarker = "no-replay-marker"
    case replayRegenerates = "replay-regenerates"
    case idempotencyNeverExpires = "idempotency-never-expires"
    case deterministicNoReplay = "deterministic-no-replay"
    case rateLimitOff = "rate-limit-off"
    case rateLimitNoRecovery = "rate-limit-no-recovery"
    case noRetryAfter = "no-retry-after"
    case longRetryAfter = "long-retry-after"
    case remainingConstant = "remaining-constant"
    case noRateLimitHeaders = "no-ratelimit-headers"
    case openapiMissingVersion = "openapi-missing-version"
    case openapiMissingServers = "openapi-missing-servers"
    case openapiMissingHeaderComponents = "openapi-missing-header-components"
    case chatResponsesDiverge = "chat-responses-diverge"
    case responsesMissingMember = "responses-missing-member"
    case noIncompleteDetails = "no-incomplete-details"
    case embeddingsIgnoreBase64 = "embeddings-ignore-base64"
    case indexSearchAfterDelete = "index-search-after-delete"
    case noIndexes = "no-indexes"
    case indexBadInputFramework422 = "index-bad-input-framework-422"
    case failOnlyByBody = "fail-only-by-body"
    case healthzDown = "healthz-down"
    case readyzDown = "readyz-down"

    /// Orders faults by their name, for stable listings.
    public static func < (lhs: Fault, rhs: Fault) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The contract area the fault belongs to, used to group the table.
    public var area: FaultArea { Self.entries[self]!.area }

    /// What the fault breaks, in one sentence.
    public var summary: String { Self.entries[self]!.summary }

    /// The table, by fault; `FaultTableTests` proves it has one row per case.
    private static let entries = Dictionary(table.map { ($0.fault, $0) }, uniquingKeysWith: { first, _ in first })
}

/// The part of the contract a fault belongs to.
public enum FaultArea: String, Sendable, CustomStringConvertible {
    case trace, envelope, auth, stream, idempotency, openapi, parity, index, health, shape
    case rateLimit = "rate-limit"

    public var description: String { rawValue }
}

/// One row of the fault table.
public struct FaultEntry: Sendable {
    /// The fault.
    public let fault: Fault
    /// Its area.
    public let area: FaultArea
    /// What it breaks, in one sentence.
    public let summary: String

    init(_ fault: Fault, _ area: FaultArea, _ summary: String) {
        self.fault = fault
        self.area = area
        self.summary = summary
    }
}

extension Fault {
    /// Every fault with its area and summary, in the order `--help` and docs/TARGET.md list them.
    public static let table: [FaultEntry] = [
        FaultEntry(.noTraceOn500, .trace, "5xx responses carry no X-Trace-Id / X-Request-Id."),
        FaultEntry(.noTraceOn429, .trace, "429 responses carry no X-Trace-Id / X-Request-Id."),
        FaultEntry(.noTraceOn401, .trace, "401 responses carry no X-Trace-Id / X-Request-Id."),
        FaultEntry(.noTraceOnStream, .trace, "SSE responses carry no X-Trace-Id / X-Request-Id."),
        FaultEntry(
            .noTraceHeader, .trace, "No response carries X-Trace-Id or X-Request-Id: the server has no trace ids."),
        FaultEntry(.traceNotUnique, .trace, "Every response carries the same trace id."),
        FaultEntry(.requestIdMismatch, .trace, "X-Request-Id differs from X-Trace-Id."),
        FaultEntry(.envelopeMissingParam, .envelope, "Error envelopes omit the `param` key."),
        FaultEntry(
            .envelopeFramework404, .envelope,
            "Unknown routes answer 404 {\"detail\":\"Not Found\"} instead of the envelope."),
        FaultEntry(
            .wrongMethodFramework405, .envelope, "Wrong methods answer 405 {\"detail\":\"Method Not Allowed\"}."),
        FaultEntry(
            .invalidJSON500Plain, .envelope, "Invalid JSON bodies answer a plain-text 500 instead of a 400 envelope."),
        FaultEntry(
            .unknownModel200, .envelope, "Unknown model ids are served with 200 instead of 404 model_not_found."),
        FaultEntry(.auth403As401, .auth, "A valid token lacking the route's scope gets 401 instead of 403."),
        FaultEntry(.auth401As400, .auth, "Auth failures answer 400 instead of 401."),
        FaultEntry(.strictAcceptsAnonymous, .auth, "Strict mode serves requests without an Authorization header."),
        FaultEntry(.permissiveRejectsAnonymous, .auth, "Permissive mode answers 401 to anonymous requests."),
        FaultEntry(.malformedSchemeAccepted, .auth, "A known token under a non-Bearer scheme is accepted."),
        FaultEntry(.emptyTokenAccepted, .auth, "`Authorization: Bearer` with an empty token is served anonymously."),
        FaultEntry(.unknownTokenAccepted, .auth, "Any unknown bearer token is accepted with every scope."),
        FaultEntry(.routingBeforeAuth, .auth, "Unknown /v1 routes answer 404 before auth runs (401 expected)."),
        FaultEntry(.noHeartbeat, .stream, "Streams send no `: ping` heartbeats while the answer is pending."),
        FaultEntry(.slowHeartbeat, .stream, "Heartbeats come at 4x the configured --heartbeat-ms."),
        FaultEntry(
            .immediateFirstToken, .stream,
            "The first delta is sent at once: no pending phase, so no heartbeat can be observed."),
        FaultEntry(.noDone, .stream, "Chat streams end without `data: [DONE]`."),
        FaultEntry(.noCompletedEvent, .stream, "Responses streams end without the `response.completed` event."),
        FaultEntry(.truncatedStream, .stream, "Streams stop cleanly after two deltas: no finish, no terminator."),
        FaultEntry(
            .cutFrame, .stream, "Chat streams carry a cut, non-JSON `data:` frame before the third delta's chunk."),
        FaultEntry(.errorInside200Stream, .stream, "Streams send an error frame inside the 200 after two deltas."),
        FaultEntry(.sseWrongContentType, .stream, "Streams are labelled text/plain instead of text/event-stream."),
        FaultEntry(.streamIgnored, .stream, "`\"stream\": true` is ignored and a JSON body is returned."),
        FaultEntry(
            .sequenceNumberGap, .stream, "Responses stream sequence_number skips a value after the first delta."),
        FaultEntry(.eventOrderWrong, .stream, "Responses stream sends content_part.done before output_text.done."),
        FaultEntry(
            .eventTypeMismatch, .stream, "Responses stream `event:` names differ from the data `type` on deltas."),
        FaultEntry(
            .usageChunkMissing, .stream, "Chat streams omit the usage chunk despite stream_options.include_usage."),
        FaultEntry(
            .streamDeltasDiverge, .stream, "Streamed deltas concatenate to a different text than the JSON answer."),
        FaultEntry(
            .streamErrorSilentClose, .stream,
            "The assay-stream-error model's streams just stop after two deltas: no error frame, no terminator."),
        FaultEntry(
            .streamErrorSwallowed, .stream,
            "The assay-stream-error model's streams end normally after two deltas ([DONE], response.completed): the error is hidden."
        ),
        FaultEntry(
            .streamErrorBare, .stream,
            "The assay-stream-error model's error frame is no envelope: `{\"error\": \"…\"}` (chat), no code or param (Responses)."
        ),
        FaultEntry(.idempotencyIgnored, .idempotency, "Idempotency-Key is ignored: no replay, no 409, no 422."),
        FaultEntry(
            .idempotencyIgnoresBody, .idempotency,
            "Same key with a different body replays the first answer instead of 422."),
        FaultEntry(
            .idempotencyInFlightServed, .idempotency,
            "Same key while the first is in flight is served again instead of 409."),
        FaultEntry(.idempotencyNotScoped, .idempotency, "Idempotency keys are shared between principals."),
        FaultEntry(.noReplayMarker, .idempotency, "Replays omit `Idempotent-Replayed: true`."),
        FaultEntry(
            .replayRegenerates, .idempotency,
            "Replays recompute the answer (new id and created) instead of replaying it."),
        FaultEntry(
            .idempotencyNeverExpires, .idempotency,
            "Idempotency keys never expire: replays continue past --idempotency-ttl."),
        FaultEntry(
            .deterministicNoReplay, .idempotency,
            "Idempotency-Key is ignored, but identical completion requests get identical answers (ids from the body, a fixed created)."
        ),
        FaultEntry(.rateLimitOff, .rateLimit, "The rate limit never answers 429."),
        FaultEntry(.rateLimitNoRecovery, .rateLimit, "Rate-limit buckets never refill, so there is no cool-down."),
        FaultEntry(.noRetryAfter, .rateLimit, "429 responses omit Retry-After."),
        FaultEntry(
            .longRetryAfter, .rateLimit,
            "429 responses ask for Retry-After: 120 (seconds), longer than a client's usual cap."),
        FaultEntry(.remainingConstant, .rateLimit, "x-ratelimit-remaining-requests never decreases."),
        FaultEntry(.noRateLimitHeaders, .rateLimit, "/v1 responses omit the x-ratelimit-* headers."),
        FaultEntry(.openapiMissingVersion, .openapi, "/openapi.json omits info.x-service-version."),
        FaultEntry(.openapiMissingServers, .openapi, "/openapi.json omits servers."),
        FaultEntry(.openapiMissingHeaderComponents, .openapi, "/openapi.json omits components.headers."),
        FaultEntry(
            .chatResponsesDiverge, .parity,
            "Chat completions answer a different text than /v1/responses for the same input."),
        FaultEntry(
            .responsesMissingMember, .shape, "Responses objects omit `tools`, a member OpenAI's Response type requires."
        ),
        FaultEntry(
            .noIncompleteDetails, .shape, "A cut-off response has status incomplete but incomplete_details null."),
        FaultEntry(.embeddingsIgnoreBase64, .shape, "`encoding_format: base64` is ignored and floats are returned."),
        FaultEntry(.indexSearchAfterDelete, .index, "A deleted index still answers search (GET still 404s)."),
        FaultEntry(.noIndexes, .index, "There are no /v1/indexes routes: they answer the generic unknown-route 404."),
        FaultEntry(
            .indexBadInputFramework422, .index,
            "Index bad input answers 422 {\"detail\":[...]} instead of the envelope."),
        FaultEntry(
            .failOnlyByBody, .trace,
            "No /v1/debug/fail route; the only 5xx is POST /v1/embeddings with `dimensions` below 1 (a body-only bug)."),
        FaultEntry(.healthzDown, .health, "/healthz answers 503."),
        FaultEntry(.readyzDown, .health, "/readyz answers 503."),
    ]
}
