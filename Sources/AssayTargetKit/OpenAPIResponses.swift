/// The `responses` of each operation in `/openapi.json`: the success body (and its stream form),
/// every error status the operation can answer, and the headers each response carries.
enum OpenAPIResponses {
    /// The body schemas of one operation, by component name.
    struct Shape {
        var request: String?
        var success: String?
        /// The data schema of each SSE event when the request asks for `"stream": true`.
        var stream: String?
    }

    /// Shapes by `METHOD /template`; an operation without a success body (debug/fail) has none.
    static let shapes: [String: Shape] = [
        "GET /v1/models": Shape(success: "ModelList"),
        "GET /v1/models/{id}": Shape(success: "Model"),
        "POST /v1/responses": Shape(request: "ResponseRequest", success: "Response", stream: "ResponseStreamEvent"),
        "POST /v1/chat/completions": Shape(
            request: "ChatCompletionRequest", success: "ChatCompletion", stream: "ChatCompletionChunk"),
        "POST /v1/embeddings": Shape(request: "EmbeddingRequest", success: "EmbeddingList"),
        "POST /v1/dreams": Shape(request: "DreamRequest", success: "Dream"),
        "POST /v1/indexes": Shape(request: "IndexCreateRequest", success: "Index"),
        "GET /v1/indexes/{id}": Shape(success: "Index"),
        "DELETE /v1/indexes/{id}": Shape(success: "IndexDeleted"),
        "POST /v1/indexes/{id}/search": Shape(request: "IndexSearchRequest", success: "SearchResults"),
        "GET /healthz": Shape(success: "HealthStatus"),
        "GET /readyz": Shape(success: "HealthStatus"),
    ]

    /// One server-sent event: its `data` is the JSON of `dataSchema` (or, for chat, `[DONE]` last).
    static func sseEvent(_ dataSchema: String) -> OrderedJSON {
        let json = OrderedJSON.object([
            ("type", .string("string")), ("contentMediaType", .string("application/json")),
            ("contentSchema", ref(dataSchema)),
        ])
        // Chat streams end with a `[DONE]` sentinel that is not JSON.
        let data: OrderedJSON =
            dataSchema == "ChatCompletionChunk"
            ? .object([("anyOf", .array([.object([("const", .string("[DONE]"))]), json]))]) : json
        return .object([
            ("type", .string("object")), ("required", .array([.string("data")])),
            (
                "properties",
                .object([
                    ("event", .object([("type", .string("string"))])),
                    ("data", data),
                    ("id", .object([("type", .string("string"))])),
                    ("retry", .object([("type", .string("integer"))])),
                ])
            ),
        ])
    }

    static func ref(_ name: String) -> OrderedJSON {
        .object([("$ref", .string("#/components/schemas/\(name)"))])
    }

    static func header(_ name: String) -> (String, OrderedJSON) {
        (name, .object([("$ref", .string("#/components/headers/\(name)"))]))
    }

    static func json(_ schema: OrderedJSON) -> OrderedJSON {
        .object([("application/json", .object([("schema", schema)]))])
    }

    /// Why each error status happens, for the operations that can answer it.
    private static func errorStatuses(_ route: Route) -> [(String, String)] {
        let isV1 = route.template.hasPrefix("/v1/")
        var statuses: [(String, String)] = []
        if isV1 {
            statuses += [
                ("400", "Malformed HTTP, invalid JSON or an invalid or unsupported parameter (named in `param`)."),
                ("401", "Missing, malformed or unknown bearer token."),
                ("403", "The token lacks the route's scope."),
                ("404", "Unknown model, index or route."),
                ("405", "Wrong method; see `Allow`."),
            ]
        }
        statuses += [
            ("408", "The request head did not arrive within --head-timeout."),
            ("413", "Body, head or chunk trailers over their limit."),
        ]
        if isV1 && route.method == "POST" {
            statuses += [
                ("409", "The same Idempotency-Key is still in flight."),
                ("415", "A Content-Type without json."),
                ("422", "Idempotency-Key reused with another body, or bad index input."),
            ]
        }
        if isV1 { statuses.append(("429", "Rate limit reached; see Retry-After.")) }
        if route.template == "/v1/debug/fail" {
            statuses.append(("500", "Always: the documented way to provoke a 500."))
        }
        statuses.append(("503", "Past --max-connections; see Retry-After."))
        return statuses.sorted { $0.0 < $1.0 }
    }

    /// The responses object of one operation.
    static func responses(_ route: Route, withHeaders: Bool) -> OrderedJSON {
        let isV1 = route.template.hasPrefix("/v1/")
        var common: [(String, OrderedJSON)] = []
        if withHeaders {
            common = [header("X-Trace-Id"), header("X-Request-Id")]
            if isV1 {
                common += [
                    header("x-ratelimit-limit-requests"), header("x-ratelimit-remaining-requests"),
                    header("x-ratelimit-reset-requests"),
                ]
            }
        }
        var result: [(String, OrderedJSON)] = []
        let shape = shapes["\(route.method) \(route.template)"]
        if let success = shape?.success {
            var content: [(String, OrderedJSON)] = [("application/json", .object([("schema", ref(success))]))]
            if let stream = shape?.stream {
                content.append(
                    (
                        "text/event-stream",
                        .object([("schema", sseEvent(stream))])
                    ))
            }
            var headers = common
            if withHeaders && route.method == "POST" && isV1 { headers.append(header("Idempotent-Replayed")) }
            result.append(
                (
                    "200",
                    .object([
                        ("description", .string("Success")), ("headers", .object(headers)),
                        ("content", .object(content)),
                    ])
                ))
            if !isV1 {
                // A probe that is down answers 503 with the same status body, not an error envelope.
                result.append(
                    (
                        "503",
                        .object([
                            ("description", .string("Down, or past --max-connections (then an error envelope).")),
                            ("headers", .object(common)),
                            ("content", json(.object([("anyOf", .array([ref(success), ref("ErrorResponse")]))]))),
                        ])
                    ))
            }
        } else if route.template == "/metrics" {
            result.append(
                (
                    "200",
                    .object([
                        ("description", .string("Prometheus text")), ("headers", .object(common)),
                        (
                            "content",
                            .object([("text/plain", .object([("schema", .object([("type", .string("string"))]))]))])
                        ),
                    ])
                ))
        } else if route.template == "/openapi.json" {
            result.append(
                (
                    "200",
                    .object([
                        ("description", .string("This document")), ("headers", .object(common)),
                        ("content", json(.object([("type", .string("object"))]))),
                    ])
                ))
        }
        for (status, why) in errorStatuses(route) where !result.contains(where: { $0.0 == status }) {
            var headers = common
            if withHeaders && (status == "429" || status == "503") { headers.append(header("Retry-After")) }
            result.append(
                (
                    status,
                    .object([
                        ("description", .string(why)), ("headers", .object(headers)),
                        ("content", json(ref("ErrorResponse"))),
                    ])
                ))
        }
        return .object(result.sorted { $0.0 < $1.0 })
    }
}
