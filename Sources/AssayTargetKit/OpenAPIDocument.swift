/// The OpenAPI 3.1 description served at `/openapi.json`, generated from the route table.
public enum OpenAPIDocument {
    /// Builds the document; `faults` can drop `servers`, `info.x-service-version` or `components.headers`.
    public static func build(serverURL: String, routes: [Route], models: [String], faults: Set<Fault>) -> OrderedJSON {
        let withHeaders = !faults.contains(.openapiMissingHeaderComponents)
        var info: [(String, OrderedJSON)] = [
            ("title", .string("assay-target")), ("version", .string(TargetVersion.current)),
            ("description", .string("OpenAI-compatible reference server for Assay contract tests.")),
        ]
        if !faults.contains(.openapiMissingVersion) {
            info.append(("x-service-version", .string(TargetVersion.current)))
        }
        var document: [(String, OrderedJSON)] = [("openapi", .string("3.1.0")), ("info", .object(info))]
        if !faults.contains(.openapiMissingServers) {
            document.append(("servers", .array([.object([("url", .string(serverURL))])])))
        }
        var templates: [String] = []
        for route in routes where !templates.contains(route.template) { templates.append(route.template) }
        let paths = templates.map { template -> (String, OrderedJSON) in
            let operations = routes.filter { $0.template == template }.map { route in
                (route.method.lowercased(), operation(route, withHeaders: withHeaders))
            }
            return (template, .object(operations))
        }
        document.append(("paths", .object(paths)))
        var components: [(String, OrderedJSON)] = [
            ("schemas", schemas(models: models)),
            (
                "securitySchemes",
                .object([("bearerAuth", .object([("type", .string("http")), ("scheme", .string("bearer"))]))])
            ),
        ]
        if withHeaders { components.append(("headers", headerComponents)) }
        document.append(("components", .object(components)))
        return .object(document)
    }

    private static func operation(_ route: Route, withHeaders: Bool) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [
            ("operationId", .string(operationID(route))), ("summary", .string("\(route.method) \(route.template)")),
        ]
        if let scope = route.scope {
            members.append(("security", .array([.object([("bearerAuth", .array([.string(scope.rawValue)]))])])))
        } else if route.template.hasPrefix("/v1/") {
            members.append(("security", .array([.object([("bearerAuth", .array([]))])])))
        }
        var parameters: [OrderedJSON] = []
        for segment in route.template.split(separator: "/") where segment.hasPrefix("{") {
            parameters.append(
                .object([
                    ("name", .string(String(segment.dropFirst().dropLast()))), ("in", .string("path")),
                    ("required", .bool(true)), ("schema", .object([("type", .string("string"))])),
                ]))
        }
        if route.method == "POST" && route.template.hasPrefix("/v1/") {
            parameters.append(
                .object([
                    ("name", .string("Idempotency-Key")), ("in", .string("header")), ("required", .bool(false)),
                    (
                        "schema",
                        .object([("type", .string("string")), ("minLength", .int(1)), ("maxLength", .int(255))])
                    ),
                ]))
            members.append(
                (
                    "requestBody",
                    .object([
                        ("required", .bool(true)),
                        (
                            "content",
                            .object([
                                ("application/json", .object([("schema", requestSchema(route))]))
                            ])
                        ),
                    ])
                ))
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        members.append(("responses", OpenAPIResponses.responses(route, withHeaders: withHeaders)))
        return .object(members)
    }

    private static func operationID(_ route: Route) -> String {
        let words = route.template.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return route.method.lowercased() + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The component schemas plus `ModelId`, the served model ids (they are set by flags).
    private static func schemas(models: [String]) -> OrderedJSON {
        guard case .object(var members) = OpenAPISchemas.schemas else { return OpenAPISchemas.schemas }
        members.append(
            ("ModelId", .object([("type", .string("string")), ("enum", .array(models.map(OrderedJSON.string)))])))
        return .object(members.sorted { $0.0 < $1.0 })
    }

    /// The request body schema of a POST: a named component, or any object.
    private static func requestSchema(_ route: Route) -> OrderedJSON {
        guard let name = OpenAPIResponses.shapes["\(route.method) \(route.template)"]?.request else {
            return .object([("type", .string("object"))])
        }
        return OpenAPIResponses.ref(name)
    }

    private static let hexTrace: OrderedJSON = .object([
        ("type", .string("string")), ("pattern", .string("^[0-9a-f]{32}$")),
    ])

    private static let headerComponents: OrderedJSON = .object([
        (
            "X-Trace-Id",
            .object([
                ("description", .string("Unique per response, 32 lowercase hex.")), ("required", .bool(true)),
                ("schema", hexTrace),
            ])
        ),
        (
            "X-Request-Id",
            .object([
                ("description", .string("Equal to X-Trace-Id.")), ("required", .bool(true)), ("schema", hexTrace),
            ])
        ),
        (
            "Idempotency-Key",
            .object([
                (
                    "description",
                    .string(
                        "Replays a completed POST with the same key and body for --idempotency-ttl; 422 on another body, 409 while in flight."
                    )
                ),
                ("schema", .object([("type", .string("string")), ("minLength", .int(1)), ("maxLength", .int(255))])),
            ])
        ),
        (
            "Retry-After",
            .object([
                ("description", .string("Whole seconds to wait before retrying (429, 503).")),
                ("schema", .object([("type", .string("integer")), ("minimum", .int(1))])),
            ])
        ),
        (
            "Idempotent-Replayed",
            .object([
                ("description", .string("`true` on a replayed answer.")),
                ("schema", .object([("const", .string("true"))])),
            ])
        ),
        (
            "x-ratelimit-limit-requests",
            .object([
                ("description", .string("The bucket size (--burst).")),
                ("schema", .object([("type", .string("integer"))])),
            ])
        ),
        (
            "x-ratelimit-remaining-requests",
            .object([
                ("description", .string("Whole requests left in the bucket.")),
                ("schema", .object([("type", .string("integer"))])),
            ])
        ),
        (
            "x-ratelimit-reset-requests",
            .object([
                ("description", .string("Time until the bucket is full, e.g. 12ms, 3s, 1m5s.")),
                ("schema", .object([("type", .string("string"))])),
            ])
        ),
    ])
}
