import Foundation

/// What the description says about one operation's response for one status, worked out once per
/// run: every exchange of that operation and status is held to the same response, headers and
/// media types, so following their `$ref`s and reading their members again for each would be waste.
/// A class: every exchange reads the run's one plan in place rather than a copy of its fields.
final class OpenAPIResponsePlan: Sendable {
    /// A violation every exchange with this status has (undeclared status, unresolvable response).
    let failure: OpenAPIViolation?
    /// The headers the response requires (`required: true`), with where each is declared.
    let requiredHeaders: [(name: String, lowercased: String, location: SourceLocation)]
    /// The response's `content`, when it declares any media type.
    let content: OpenAPINode?
    /// The declared media types, in document order.
    let media: [Media]
    /// The schema of a `text/event-stream` response's events (its `itemSchema`, else its `schema`).
    let eventSchema: EventSchema?

    struct Media: Sendable {
        /// As the description writes it.
        let key: String
        let node: OpenAPINode
        /// The compiled `schema` of a JSON media type, which the body is held to.
        let schema: OpenAPICompiledSchema?

        /// The major type of a range (`image` of `image/*`), nil for any other media type.
        var rangeMajor: Substring? {
            key.hasSuffix("/*") ? key.dropLast(2) : nil
        }
    }

    struct EventSchema: Sendable {
        let schema: OpenAPICompiledSchema
        /// Whether the schema describes the event's fields (`{event, data, id, retry}`) rather
        /// than the JSON of its data.
        let describesFields: Bool
    }

    init(_ operation: OpenAPIOperation, status: Int, schemas: OpenAPISchemaValidator) {
        let resolver = schemas.spec.resolver
        let (failure, response) = Self.response(of: operation, status: status, resolver: resolver)
        self.failure = failure
        // A header is optional unless its description says `required: true`, as OpenAPI defines it.
        requiredHeaders = (response?["headers"]?.members ?? []).compactMap { name, location, declared in
            guard name.lowercased() != "content-type", resolver.resolved(declared)?["required"]?.bool == true else {
                return nil
            }
            return (name, name.lowercased(), location)
        }
        let declared = response?["content"]
        let content = declared?.members.isEmpty == false ? declared : nil
        let media: [Media] =
            content?.members.map { key, _, node in
                let schema = OpenAPIResponseValidator.isJSON(key) ? node["schema"].map(schemas.compiled) : nil
                return Media(key: key, node: node, schema: schema)
            } ?? []
        self.content = content
        self.media = media
        if let stream = media.first(where: { $0.key == "text/event-stream" })?.node,
            let schema = stream["itemSchema"] ?? stream["schema"]
        {
            eventSchema = EventSchema(
                schema: schemas.compiled(schema),
                describesFields: OpenAPIResponseValidator.describesEventFields(resolver.resolved(schema)))
        } else {
            eventSchema = nil
        }
    }

    /// The response declared for `status`, resolved, or the violation every such exchange has.
    private static func response(of operation: OpenAPIOperation, status: Int, resolver: OpenAPIResolver) -> (
        OpenAPIViolation?, OpenAPINode?
    ) {
        guard let responses = operation.node["responses"] else { return (nil, nil) }
        guard let raw = OpenAPIResponseValidator.response(for: status, in: responses) else {
            let declared = responses.members.map(\.key).joined(separator: ", ")
            let violation = OpenAPIViolation(
                path: "status", keyword: "status",
                message: "status \(status) is not declared for \(operation.title) (declared: \(declared))",
                schemaLocation: responses.location)
            return (violation, nil)
        }
        do {
            return (nil, try resolver.resolve(raw))
        } catch {
            return (
                OpenAPIViolation(path: "status", keyword: "$ref", message: error.message, schemaLocation: raw.location),
                nil
            )
        }
    }

    /// The declared media type a `Content-Type` falls under: exactly, else `type/*`, else `*/*`,
    /// compared ignoring case.
    func media(for contentType: String) -> Media? {
        let essence = Self.essence(of: contentType)
        if let exact = media.first(where: { $0.key.equalsIgnoringASCIICase(essence) }) { return exact }
        let major = essence.utf8.firstIndex(of: UInt8(ascii: "/")).map { essence[..<$0] } ?? essence
        if let range = media.first(where: { $0.rangeMajor?.equalsIgnoringASCIICase(major) == true }) {
            return range
        }
        return media.first { $0.key == "*/*" }
    }

    /// A media type without its parameters and the blanks around it (`application/json` of
    /// `application/json; charset=utf-8`), in place and as written: every exchange asks, so it
    /// is compared ignoring case rather than copied in lowercase.
    static func essence(of contentType: String) -> Substring {
        contentType.utf8Slice(essenceBounds) ?? ""
    }

    /// Where the essence is in a media type's bytes: up to `;`, blanks trimmed.
    private static func essenceBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = 0
        var end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while start < end, isBlank(bytes[end - 1]) { end -= 1 }
        return start..<end
    }
}

/// The plans a run worked out, by operation and status, shared by the threads that judge exchanges.
final class OpenAPIResponsePlans: @unchecked Sendable {
    // @unchecked: `plans` is guarded by `lock`.
    private var plans: [Key: OpenAPIResponsePlan] = [:]
    private let lock = NSLock()

    struct Key: Hashable {
        let operation: Int
        let status: Int
    }

    /// The plan for `operation` and `status`, worked out the first time it is asked for.
    func plan(_ operation: OpenAPIOperation, status: Int, schemas: OpenAPISchemaValidator) -> OpenAPIResponsePlan {
        let key = Key(operation: operation.index, status: status)
        if let known = lock.withLock({ plans[key] }) { return known }
        let plan = OpenAPIResponsePlan(operation, status: status, schemas: schemas)
        lock.withLock { plans[key] = plan }
        return plan
    }
}
