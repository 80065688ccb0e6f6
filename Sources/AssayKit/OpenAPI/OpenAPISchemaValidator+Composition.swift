/// `allOf`, `anyOf`, `oneOf`, and `discriminator`, which picks the one schema of a `oneOf` or
/// `anyOf` by a member's value instead of trying each.
extension OpenAPISchemaValidator {
    func checkComposition(_ value: JSONValue, _ schema: OpenAPINode, depth: Int, walk: inout OpenAPISchemaWalk) {
        for part in schema["allOf"]?.items ?? [] {
            check(value, part, depth: depth + 1, walk: &walk)
        }
        for keyword in ["oneOf", "anyOf"] {
            guard let list = schema[keyword] else { continue }
            let options = list.items
            switch discriminated(value, schema, options: options, walk: &walk) {
            case .chosen(let option):
                check(value, option, depth: depth + 1, walk: &walk)
                continue
            case .failed: continue
            case .absent: break
            }
            if walk.isDone { return }
            // anyOf stops at the first option that accepts; oneOf needs a second, and a message the count.
            var matching = 0
            for option in options where accepts(value, option, depth: depth + 1) {
                matching += 1
                if keyword == "anyOf" || (matching > 1 && walk.quiet) { break }
            }
            if matching == 0 {
                walk.fail(keyword, "matches none of the \(options.count) \(keyword) schemas", at: list.location)
            } else if keyword == "oneOf" && matching > 1 {
                walk.fail(keyword, "matches \(matching) of the oneOf schemas, expected exactly one", at: list.location)
            }
        }
    }

    private enum DiscriminatorChoice {
        /// No discriminator applies: try every option.
        case absent
        case chosen(OpenAPINode)
        /// The value's discriminator is missing or names no option (already reported).
        case failed
    }

    /// The option the discriminator names.
    private func discriminated(
        _ value: JSONValue, _ schema: OpenAPINode, options: [OpenAPINode], walk: inout OpenAPISchemaWalk
    ) -> DiscriminatorChoice {
        guard let discriminator = schema["discriminator"], let property = discriminator["propertyName"]?.string,
            case .object(let object) = value
        else { return .absent }
        guard let tag = object[property]?.stringValue else {
            walk.fail(
                member: property, "discriminator", "missing the discriminator `\(property)`",
                at: discriminator.location)
            return .failed
        }
        let target = discriminator["mapping"]?[tag]?.string
        for option in options {
            guard let reference = option.reference else { continue }
            if let target {
                if reference == target || reference.hasSuffix("/" + target) { return .chosen(option) }
            } else if reference.split(separator: "/").last.map(String.init) == tag {
                return .chosen(option)
            }
        }
        // Descriptions often leave out the mapping and let each option pin the value itself
        // (OpenAI's stream events: `type: {enum: [response.created]}`), which names the option too.
        if target == nil, let option = options.first(where: { pins(property, to: tag, in: $0) }) {
            return .chosen(option)
        }
        walk.fail(
            member: property, "discriminator", "discriminator value \(JSONWriter.quote(tag)) names none of the schemas",
            at: discriminator.location)
        return .failed
    }

    /// Whether `option` (or one of its `allOf` parts) fixes `property` to `tag` with `const` or a one-value `enum`.
    private func pins(_ property: String, to tag: String, in option: OpenAPINode) -> Bool {
        guard let schema = spec.resolver.resolved(option) else { return false }
        for part in [schema] + (schema["allOf"]?.items ?? []) {
            guard let member = spec.resolver.resolved(spec.resolver.resolved(part)?["properties"]?[property]) else {
                continue
            }
            if member["const"]?.string == tag { return true }
            if let values = member["enum"]?.items, values.count == 1, values[0].string == tag { return true }
        }
        return false
    }
}
