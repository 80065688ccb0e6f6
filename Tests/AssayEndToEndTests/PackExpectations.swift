/// For each fault switch of assay-target, the pack cases (`suite / case`) it must fail. Each
/// entry is the contract clause the fault breaks; docs/CONTRACTS.md tabulates the same mapping.
enum PackExpectations {
    /// Cases in the pack (both modes run every case).
    static let caseCount = 105

    /// Faults that only show in permissive mode; every other fault runs against a strict target.
    static let permissiveOnly: Set<String> = ["permissive-rejects-anonymous"]

    // MARK: Groups of cases

    static let endpoints = [
        "list models", "get model", "responses", "chat completions", "embeddings", "dreams", "create index",
        "get index", "search index", "delete index",
    ]

    /// The auth cases of one kind on every endpoint (the limited token may call embeddings, so it has no scope case).
    static func auth(_ variant: String) -> [String] {
        endpoints.filter { variant != "insufficient scope" || $0 != "embeddings" }.map { "auth / \($0): \(variant)" }
    }

    static let authBeforeRouting = "auth / unknown route: auth runs before routing"
    static let unauthorized =
        ["missing token", "malformed scheme", "empty token", "invalid token"].flatMap(auth)
        + [authBeforeRouting]

    static let unknownModel =
        ["responses", "chat/completions", "embeddings", "dreams"].map { "envelopes / \($0): unknown model" }
        + ["models / get unknown model"]
    static let invalidJSON = ["responses", "chat/completions", "embeddings", "dreams", "indexes"].map {
        "envelopes / \($0): invalid JSON"
    }
    static let wrongMethod = [
        "models: wrong method DELETE", "responses: wrong method GET", "chat/completions: wrong method GET",
        "embeddings: wrong method GET", "dreams: wrong method GET", "indexes: wrong method PUT",
    ].map { "envelopes / \($0)" }
    static let indexBadInput = ["indexes / create with a bad name", "indexes / create without documents"]
    static let indexChain = "indexes / create, search and delete an index"

    static let chatHeartbeat = "streaming-chat / chat stream: heartbeat while pending"
    static let chatTerminator = "streaming-chat / chat stream: terminator and framing"
    static let chatUsage = "streaming-chat / chat stream: usage chunk"
    static let chatReassembly = "streaming-chat / chat stream: reassembly matches the JSON answer"
    static let responsesHeartbeat = "streaming-responses / responses stream: heartbeat while pending"
    static let responsesTerminator = "streaming-responses / responses stream: terminator"
    static let responsesOrder = "streaming-responses / responses stream: event order and sequence numbers"
    static let responsesReassembly = "streaming-responses / responses stream: reassembly matches the JSON answer"
    static let streams = [
        chatHeartbeat, chatTerminator, chatUsage, chatReassembly,
        responsesHeartbeat, responsesTerminator, responsesOrder, responsesReassembly,
    ]
    static let chatStreamError = "streaming-errors / chat stream: an error mid-stream is signalled"
    static let responsesStreamError = "streaming-errors / responses stream: an error mid-stream is signalled"
    static let streamErrors = [chatStreamError, responsesStreamError]

    static let traceOn429 = "trace-429 / on a 429"
    static let traceCases =
        ["on a 200", "on a second 200", "on a 401", "on a 404", "on a 500", "on a stream"].map { "trace / \($0)" }
        + [traceOn429]
    static let replay = "idempotency / replay returns the stored answer"
    static let replayMismatch = "idempotency / same key, different body is rejected"
    static let replayConcurrent = "idempotency / concurrent duplicates conflict or match"
    static let replayTTL = "idempotency / keys expire after their TTL"
    static let rateLimit = "rate-limit / burst until 429, then cool down"
    static let openAPI = "openapi / openapi document"
    static let replayScope = "idempotency / keys are scoped per principal"
    /// The cases about an index route's scope or envelope: they first show the route exists.
    static let indexRouteCases = [
        "auth / create index: insufficient scope", "auth / get index: insufficient scope",
        "auth / search index: insufficient scope", "auth / delete index: insufficient scope",
        "envelopes / indexes: invalid JSON", "envelopes / indexes: wrong method PUT",
    ]

    // MARK: The table

    /// For each fault that leaves a contract with nothing to observe, the cases that must say
    /// "not exercised" rather than pass (or fail). Every other fault leaves none.
    static let notExercised: [String: [String]] = [
        "immediate-first-token": [chatHeartbeat, responsesHeartbeat],
        "long-retry-after": [rateLimit],
        // The bad-input cases first show the route exists; on a generic 404 they are not exercised.
        "no-indexes": indexBadInput + ["indexes / search an unknown index"] + indexRouteCases,
        // Trace cases provoke their status first: another clause's wrong status leaves them not exercised.
        "unknown-model-200": ["trace / on a 404"],
        "auth-401-as-400": ["trace / on a 401"],
        "unknown-token-accepted": ["trace / on a 401"],
        // The trace case's stream is its precondition: a stream OpenAI's description rejects leaves it not exercised.
        "sse-wrong-content-type": ["trace / on a stream"],
        "stream-ignored": ["trace / on a stream"],
        "cut-frame": ["trace / on a stream"],
        "error-inside-200-stream": ["trace / on a stream"],
        "fail-only-by-body": ["trace / on a 500"],
        // No 429 within the burst: the trace case about a 429 has nothing to look at.
        "rate-limit-off": [traceOn429],
        // Scoping shows only through a key the target honours and marks.
        "idempotency-ignored": [replayScope],
        "no-replay-marker": [replayScope],
        // Identical answers, but the same request without a key is answered identically too.
        "deterministic-no-replay": [replayConcurrent, replayTTL, replayScope],
    ]

    static let breaks: [String: [String]] = [
        // Trace ids.
        "no-trace-on-500": ["trace / on a 500"],
        // The trace clause's own 429 case (its burst is only a precondition); the rate-limit case passes.
        "no-trace-on-429": [traceOn429],
        "no-trace-header": traceCases,
        // The reference profile's 5xx request finds no route: `trace / on a 500` is not exercised.
        "fail-only-by-body": [],
        "no-trace-on-401": ["trace / on a 401"],
        "no-trace-on-stream": ["trace / on a stream"],
        // The trace cases run in order (trace.on-429.jsonc sorts after trace.jsonc): the first id seen is
        // unique when it is seen.
        "trace-not-unique": Array(traceCases.dropFirst()),
        "request-id-mismatch": traceCases,
        // Error envelopes: a missing `param` breaks every case that checks an envelope.
        "envelope-missing-param": unauthorized + auth("insufficient scope") + unknownModel + invalidJSON + wrongMethod
            + indexBadInput + [
                indexChain, "indexes / search an unknown index", "envelopes / unknown route",
                "envelopes / unsupported content type", replayMismatch, rateLimit,
                "shapes / an invalid encoding_format is rejected", chatStreamError,
            ],
        "envelope-framework-404": ["envelopes / unknown route"],
        "wrong-method-framework-405": wrongMethod,
        "invalid-json-500-plain": invalidJSON,
        "unknown-model-200": unknownModel,
        // Auth.
        "auth-403-as-401": auth("insufficient scope"),
        "auth-401-as-400": unauthorized,
        // The unknown route accepts 401 or 404 (OpenAI's order is not public): either answer holds.
        "strict-accepts-anonymous": auth("missing token"),
        "permissive-rejects-anonymous": auth("missing token"),
        "malformed-scheme-accepted": auth("malformed scheme"),
        "empty-token-accepted": auth("empty token"),
        "unknown-token-accepted": auth("invalid token"),
        // Routing first is not a break: no public record shows OpenAI authenticating first.
        "routing-before-auth": [],
        // Streams.
        "no-heartbeat": [chatHeartbeat, responsesHeartbeat],
        "slow-heartbeat": [chatHeartbeat, responsesHeartbeat],
        "immediate-first-token": [],
        "no-done": [chatTerminator, chatUsage],  // the usage chunk is found by its place before [DONE]
        "no-completed-event": [responsesTerminator, responsesOrder],
        "truncated-stream": [
            chatTerminator, chatUsage, chatReassembly, responsesTerminator, responsesOrder, responsesReassembly,
        ],
        // The error frame is no chat chunk, and the cut frame no JSON, by OpenAI's description (the
        // profile's `openapi`), in every case that streams chat.
        "error-inside-200-stream": streams,
        // The stream-error model's own breaks: no error at all, a normal end after a cut, no envelope.
        "stream-error-silent-close": streamErrors,
        "stream-error-swallowed": streamErrors,
        "stream-error-bare": streamErrors,
        "cut-frame": [chatHeartbeat, chatTerminator, chatUsage, chatReassembly],
        "sse-wrong-content-type": streams + streamErrors,
        "stream-ignored": streams + streamErrors,
        "sequence-number-gap": [responsesOrder],
        "event-order-wrong": [responsesOrder],
        "event-type-mismatch": [responsesOrder, responsesReassembly],
        "usage-chunk-missing": [chatUsage],
        "stream-deltas-diverge": [chatReassembly, responsesReassembly],
        // Idempotency.
        "idempotency-ignored": [replay, replayMismatch, replayConcurrent, replayTTL],
        "idempotency-ignores-body": [replayMismatch],
        "idempotency-in-flight-served": [replayConcurrent],
        "idempotency-not-scoped": [replayScope],
        "deterministic-no-replay": [replay, replayMismatch],
        "no-replay-marker": [replay],
        "replay-regenerates": [replay, replayMismatch, replayConcurrent, replayTTL],
        "idempotency-never-expires": [replayTTL],
        // Rate limits.
        "rate-limit-off": [rateLimit],
        "rate-limit-no-recovery": [rateLimit],
        "no-retry-after": [rateLimit],
        "long-retry-after": [],
        "remaining-constant": [rateLimit],
        "no-ratelimit-headers": [rateLimit],
        // OpenAPI, parity, indexes, health.
        "openapi-missing-version": [openAPI],
        "openapi-missing-servers": [openAPI],
        "openapi-missing-header-components": [openAPI],
        "chat-responses-diverge": ["parity / chat completions match responses"],
        // Shapes.
        // OpenAI's document (the config's `openapi`) requires `tools` of every Responses object: plain,
        // cut off, compared with chat, and inside the stream's events.
        "responses-missing-member": [
            "shapes / responses object has every required member", "shapes / a cut-off response says why",
            "parity / chat completions match responses", responsesHeartbeat, responsesTerminator, responsesOrder,
            responsesReassembly, responsesStreamError,
        ],
        "no-incomplete-details": ["shapes / a cut-off response says why"],
        "embeddings-ignore-base64": ["shapes / embeddings in base64"],
        "index-search-after-delete": [indexChain],
        // Without the routes only the chain fails: the index clause itself. Scope and envelope cases on
        // those routes are not exercised (there is no route to have a scope or an envelope).
        "no-indexes": [indexChain],
        "index-bad-input-framework-422": indexBadInput,
        "healthz-down": ["health / healthz"],
        "readyz-down": ["health / readyz"],
    ]
}
