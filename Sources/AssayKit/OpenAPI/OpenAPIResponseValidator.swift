import Foundation

/// Checks one response against its operation: the status is declared (or `default`/`2XX`), the
/// content type is declared, the body fits the schema, and every declared header is present. A pure
/// function; a run calls it once per exchange (see docs/OPENAPI.md).
public struct OpenAPIResponseValidator: Sendable {
    public let spec: OpenAPISpec
    public let schemas: OpenAPISchemaValidator

    /// `nullAllowed`: schemas that accept null as well (see `OpenAPISchemaValidator.nullAllowed`).
    public init(spec: OpenAPISpec, mode: PolicyMode, nullAllowed: Set<SourceLocation> = []) {
        self.spec = spec
        var schemas = OpenAPISchemaValidator(spec: spec, mode: mode)
        schemas.nullAllowed = nullAllowed
        self.schemas = schemas
    }

    /// Every violation of `operation`'s description by a response. `bodyConsumed`: the body went
    /// elsewhere (a stream's events, validated one by one), so only its content type is checked.
    public func validate(
        _ operation: OpenAPIOperation, status: Int, headers: [(name: String, value: String)], body: Data,
        bodyConsumed: Bool = false
    ) -> [OpenAPIViolation] {
        guard let responses = operation.node["responses"] else { return [] }
        guard let raw = Self.response(for: status, in: responses) else {
            let declared = responses.members.map(\.key).joined(separator: ", ")
            return [
                OpenAPIViolation(
                    path: "status", keyword: "status",
                    message: "status \(status) is not declared for \(operation.title) (declared: \(declared))",
                    schemaLocation: responses.location)
            ]
        }
        let response: OpenAPINode
        do {
            response = try spec.resolver.resolve(raw)
        } catch {
            return [
                OpenAPIViolation(path: "status", keyword: "$ref", message: error.message, schemaLocation: raw.location)
            ]
        }
        var violations: [OpenAPIViolation] = []
        // A header is optional unless its description says `required: true`, as OpenAPI defines it.
        for (name, location, declared) in response["headers"]?.members ?? [] where name.lowercased() != "content-type" {
            guard spec.resolver.resolved(declared)?["required"]?.bool == true else { continue }
            if !headers.contains(where: { $0.name.lowercased() == name.lowercased() }) {
                violations.append(
                    OpenAPIViolation(
                        path: "header \(name)", keyword: "headers",
                        message: "required response header `\(name)` is missing",
                        schemaLocation: location))
            }
        }
        guard let content = response["content"], !content.members.isEmpty, !body.isEmpty || bodyConsumed else {
            return violations
        }
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value ?? ""
        guard let media = Self.media(for: contentType, in: content) else {
            violations.append(
                OpenAPIViolation(
                    path: "header Content-Type", keyword: "content",
                    message:
                        "content type `\(contentType)` is not declared (declared: \(content.members.map(\.key).joined(separator: ", ")))",
                    schemaLocation: content.location))
            return violations
        }
        guard !bodyConsumed, let schema = media.value["schema"], Self.isJSON(media.key) else { return violations }
        do {
            let value = try JSONParser.parseValue(body)
            violations += schemas.validate(value, against: schema)
        } catch {
            violations.append(
                OpenAPIViolation(
                    path: "$", keyword: "content", message: "the body is not JSON: \(error.message)",
                    schemaLocation: media.value.location))
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
        guard let responses = operation.node["responses"],
            let raw = Self.response(for: status, in: responses), let response = spec.resolver.resolved(raw),
            let media = response["content"]?["text/event-stream"],
            let schema = media["itemSchema"] ?? media["schema"]
        else { return [] }
        if Self.describesEventFields(spec.resolver.resolved(schema)) {
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

    /// The declared media type a `Content-Type` falls under: exactly, else `type/*`, else `*/*`.
    static func media(for contentType: String, in content: OpenAPINode) -> (key: String, value: OpenAPINode)? {
        let essence =
            contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let members = content.members
        let major = essence.split(separator: "/").first.map(String.init) ?? ""
        for candidate in [essence, major + "/*", "*/*"] {
            if let member = members.first(where: { $0.key.lowercased() == candidate }) {
                return (member.key, member.value)
            }
        }
        return nil
    }

    static func isJSON(_ mediaType: String) -> Bool {
        let lower = mediaType.lowercased()
        return lower == "application/json" || lower.hasSuffix("+json") || lower == "*/*" || lower == "application/*"
    }
}
