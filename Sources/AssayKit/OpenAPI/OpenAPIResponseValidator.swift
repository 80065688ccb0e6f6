import Foundation

/// Checks one response against its operation: the status is declared (or `default`/`2XX`), the
/// content type is declared, the body fits the schema, and every declared header is present. A pure
/// function; a run calls it once per exchange (see docs/OPENAPI.md).
public struct OpenAPIResponseValidator: Sendable {
    public let spec: OpenAPISpec
    public let schemas: OpenAPISchemaValidator
    /// Each operation and status's response, headers and media types, worked out once per run.
    private let plans = OpenAPIResponsePlans()

    /// `nullAllowed`: schemas that accept null as well (see `OpenAPISchemaValidator.nullAllowed`).
    public init(spec: OpenAPISpec, mode: PolicyMode, nullAllowed: Set<SourceLocation> = []) {
        self.spec = spec
        schemas = OpenAPISchemaValidator(spec: spec, mode: mode, nullAllowed: nullAllowed)
    }

    /// Every violation of `operation`'s description by a response. `bodyConsumed`: the body went
    /// elsewhere (a stream's events, validated one by one), so only its content type is checked.
    /// `json` gives the body's JSON when the caller parsed it already, `contentType` the
    /// `Content-Type` when the caller looked it up already.
    public func validate(
        _ operation: OpenAPIOperation, status: Int, headers: [(name: String, value: String)],
        contentType: String? = nil, body: Data, bodyConsumed: Bool = false,
        json: (() throws(Diagnostic) -> JSONValue)? = nil
    ) -> [OpenAPIViolation] {
        let plan = plans.plan(operation, status: status, schemas: schemas)
        if let failure = plan.failure { return [failure] }
        var violations: [OpenAPIViolation] = []
        for required in plan.requiredHeaders
        where !headers.contains(where: { Self.sameName($0.name, required.lowercased) }) {
            violations.append(
                OpenAPIViolation(
                    path: "header \(required.name)", keyword: "headers",
                    message: "required response header `\(required.name)` is missing",
                    schemaLocation: required.location))
        }
        guard let content = plan.content, !body.isEmpty || bodyConsumed else { return violations }
        let contentType = contentType ?? Self.contentType(in: headers)
        guard let media = plan.media(for: contentType) else {
            violations.append(
                OpenAPIViolation(
                    path: "header Content-Type", keyword: "content",
                    message:
                        "content type `\(contentType)` is not declared (declared: \(plan.media.map(\.key).joined(separator: ", ")))",
                    schemaLocation: content.location))
            return violations
        }
        guard !bodyConsumed, let schema = media.schema else { return violations }
        do throws(Diagnostic) {
            let value: JSONValue
            if let json { value = try json() } else { value = try JSONParser.parseValue(body) }
            violations += schemas.validate(value, against: schema)
        } catch {
            violations.append(
                OpenAPIViolation(
                    path: "$", keyword: "content", message: "the body is not JSON: \(error.message)",
                    schemaLocation: media.node.location))
        }
        return violations
    }

    /// The violations of one server-sent event against the stream's event schema (the
    /// `text/event-stream` media type's `itemSchema`, else its `schema`). Descriptions write that
    /// schema two ways: as the event's fields (`{event, data, id, retry}`, `data` a string whose
    /// `contentSchema` is the JSON inside, as OpenAPI 3.2 does), or as the JSON of `data` itself
    /// (as OpenAI's does), where the `[DONE]` terminator is no event.
    public func validateEvent(
        _ data: String, type: String? = nil, id: String? = nil, operation: OpenAPIOperation, status: Int
    ) -> [OpenAPIViolation] {
        let plan = plans.plan(operation, status: status, schemas: schemas)
        guard let schema = plan.eventSchema?.schema, let describesFields = plan.eventSchema?.describesFields else {
            return []
        }
        if describesFields {
            var fields: [(String, JSONValue)] = [("data", .string(data))]
            if let type { fields.append(("event", .string(type))) }
            if let id { fields.append(("id", .string(id))) }
            return schemas.validate(.object(JSONObject(fields)), against: schema)
        }
        guard data != "[DONE]" else { return [] }
        do {
            return schemas.validate(try JSONParser.parseValue(data, file: "<event>"), against: schema)
        } catch {
            return [
                OpenAPIViolation(
                    path: "$", keyword: "content", message: "the event data is not JSON: \(error.message)",
                    schemaLocation: schema.location)
            ]
        }
    }

    /// Whether an event schema describes the event's fields rather than its data: an object whose
    /// properties include `data` and are all SSE field names.
    static func describesEventFields(_ schema: OpenAPINode?) -> Bool {
        guard let properties = schema?["properties"]?.members.map(\.key), properties.contains("data") else {
            return false
        }
        return properties.allSatisfy { ["event", "data", "id", "retry"].contains($0) }
    }

    /// The response declared for `status`: exactly, else its range (`2XX`), else `default`.
    static func response(for status: Int, in responses: OpenAPINode) -> OpenAPINode? {
        responses[String(status)] ?? responses["\(status / 100)XX"] ?? responses["\(status / 100)xx"]
            ?? responses["default"]
    }

    /// Whether a header's name is `lowercased` (itself lowercase), ignoring case: ASCII only, as
    /// field names are, and without building a lowercase copy for every header of every exchange.
    static func sameName(_ name: String, _ lowercased: String) -> Bool {
        name.equalsIgnoringASCIICase(lowercased)
    }

    /// The response's `Content-Type` (empty when it has none).
    static func contentType(in headers: [(name: String, value: String)]) -> String {
        headers.first { sameName($0.name, "content-type") }?.value ?? ""
    }

    static func isJSON(_ mediaType: String) -> Bool {
        let lower = mediaType.lowercased()
        return lower == "application/json" || lower.hasSuffix("+json") || lower == "*/*" || lower == "application/*"
    }
}
