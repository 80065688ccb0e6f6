/// The OpenAPI 3.1 description served at `/openapi.json`, generated from the route table.
public enum OpenAPIDocument {
    /// Builds the document; `faults` can drop `servers`, `info.x-service-version` or `components.headers`.
    public static func build(serverURL: String, routes: [Route], faults: Set<Fault>) -> OrderedJSON {
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
            ("schemas", .object([("ErrorResponse", errorSchema)])),
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
                    ("schema", .object([("type", .string("string")), ("maxLength", .int(255))])),
                ]))
            members.append(
                (
                    "requestBody",
                    .object([
                        ("required", .bool(true)),
                        (
                            "content",
                            .object([
                                ("application/json", .object([("schema", .object([("type", .string("object"))]))]))
                            ])
                        ),
                    ])
                ))
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        let traceHeaders: OrderedJSON =
            withHeaders
            ? .object([
                ("X-Trace-Id", .object([("$ref", .string("#/components/headers/X-Trace-Id"))])),
                ("X-Request-Id", .object([("$ref", .string("#/components/headers/X-Request-Id"))])),
            ]) : .object([])
        let errorContent = OrderedJSON.object([
            (
                "application/json",
                .object([("schema", .object([("$ref", .string("#/components/schemas/ErrorResponse"))]))])
            )
        ])
        let success: OrderedJSON = .object([("description", .string("Success")), ("headers", traceHeaders)])
        let failure: OrderedJSON = .object([
            ("description", .string("Error in the OpenAI envelope")), ("headers", traceHeaders),
            ("content", errorContent),
        ])
        members.append(("responses", .object([("200", success), ("default", failure)])))
        return .object(members)
    }

    private static func operationID(_ route: Route) -> String {
        let words = route.template.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return route.method.lowercased() + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static let errorSchema: OrderedJSON = .object([
        ("type", .string("object")), ("required", .array([.string("error")])),
        (
            "properties",
            .object([
                (
                    "error",
                    .object([
                        ("type", .string("object")),
                        ("required", .array(["message", "type", "param", "code"].map(OrderedJSON.string))),
                        (
                            "properties",
                            .object([
                                ("message", .object([("type", .string("string"))])),
                                ("type", .object([("type", .string("string"))])),
                                ("param", .object([("type", .array([.string("string"), .string("null")]))])),
                                ("code", .object([("type", .array([.string("string"), .string("null")]))])),
                            ])
                        ),
                    ])
                )
            ])
        ),
    ])

    private static let hexTrace: OrderedJSON = .object([
        ("type", .string("string")), ("pattern", .string("^[0-9a-f]{32}$")),
    ])

    private static let headerComponents: OrderedJSON = .object([
        (
            "X-Trace-Id",
            .object([("description", .string("Unique per response, 32 lowercase hex.")), ("schema", hexTrace)])
        ),
        ("X-Request-Id", .object([("description", .string("Equal to X-Trace-Id.")), ("schema", hexTrace)])),
        (
            "Idempotency-Key",
            .object([
                (
                    "description",
                    .string(
                        "Replays a completed POST with the same key and body for --idempotency-ttl; 422 on another body, 409 while in flight."
                    )
                ),
                ("schema", .object([("type", .string("string")), ("maxLength", .int(255))])),
            ])
        ),
    ])
}
