import Foundation

/// Checks one response against its operation: the status is declared (or `default`/`2XX`), the
/// content type is declared, the body fits the schema, and every declared header is present. A pure
/// function; a run calls it once per exchange (see docs/OPENAPI.md).
public struct OpenAPIResponseValidator: Sendable {
    public let spec: OpenAPISpec
    public let schemas: OpenAPISchemaValidator

    public init(spec: OpenAPISpec, mode: PolicyMode) {
        self.spec = spec
        schemas = OpenAPISchemaValidator(spec: spec, mode: mode)
    }

    /// Every violation of `operation`'s description by a response.
    public func validate(
        _ operation: OpenAPIOperation, status: Int, headers: [(name: String, value: String)], body: Data
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
        for (name, location, _) in response["headers"]?.members ?? [] where name.lowercased() != "content-type" {
            if !headers.contains(where: { $0.name.lowercased() == name.lowercased() }) {
                violations.append(
                    OpenAPIViolation(
                        path: "header \(name)", keyword: "headers",
                        message: "declared response header `\(name)` is missing",
                        schemaLocation: location))
            }
        }
        guard let content = response["content"], !content.members.isEmpty, !body.isEmpty else { return violations }
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
        guard let schema = media.value["schema"], Self.isJSON(media.key) else { return violations }
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

    /// The violations of one server-sent event's data against the stream's event schema (the
    /// `text/event-stream` media type's `itemSchema`, else its `schema`); `[DONE]` is not an event.
    public func validateEvent(_ data: String, operation: OpenAPIOperation, status: Int) -> [OpenAPIViolation] {
        guard data != "[DONE]", let responses = operation.node["responses"],
            let raw = Self.response(for: status, in: responses), let response = spec.resolver.resolved(raw),
            let media = response["content"]?["text/event-stream"],
            let schema = media["itemSchema"] ?? media["schema"]
        else { return [] }
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
