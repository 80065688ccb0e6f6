/// `allOf`, `anyOf`, `oneOf`, and `discriminator`, which picks the one schema of a `oneOf` or
/// `anyOf` by a member's value instead of trying each.
extension OpenAPISchemaValidator {
    func checkComposition(
        _ value: JSONValue, _ schema: OpenAPICompiledSchema, depth: Int, walk: inout OpenAPISchemaWalk
    ) {
        for part in schema.allOf {
            check(value, part, depth: depth + 1, walk: &walk)
        }
        for alternatives in schema.alternatives {
            switch discriminated(value, schema, alternatives.options, walk: &walk) {
            case .chosen(let option):
                check(value, option, depth: depth + 1, walk: &walk)
                continue
            case .failed: continue
            case .absent: break
            }
            if walk.isDone { return }
            // anyOf stops at the first option that accepts; oneOf needs a second, and a message the count.
            var matching = 0
            for option in alternatives.options where accepts(value, option.schema, depth: depth + 1) {
                matching += 1
                if !alternatives.isOneOf || (matching > 1 && walk.quiet) { break }
            }
            let keyword = alternatives.keyword
            let count = alternatives.options.count
            if matching == 0 {
                walk.fail(keyword, "matches none of the \(count) \(keyword) schemas", at: alternatives.location)
            } else if alternatives.isOneOf && matching > 1 {
                walk.fail(
                    keyword, "matches \(matching) of the oneOf schemas, expected exactly one",
                    at: alternatives.location)
            }
        }
    }

    private enum DiscriminatorChoice {
        /// No discriminator applies: try every option.
        case absent
        case chosen(OpenAPICompiledSchema)
        /// The value's discriminator is missing or names no option (already reported).
        case failed
    }

    /// The option the discriminator names: through its mapping, by the schema's name, or by the
    /// option whose own property pins the value.
    private func discriminated(
        _ value: JSONValue, _ schema: OpenAPICompiledSchema, _ options: [OpenAPICompiledSchema.Option],
        walk: inout OpenAPISchemaWalk
    ) -> DiscriminatorChoice {
        guard let discriminator = schema.discriminator, case .object(let object) = value else { return .absent }
        let property = discriminator.propertyName
        guard let tag = object[property]?.stringValue else {
            walk.fail(
                member: property, "discriminator", "missing the discriminator `\(property)`",
                at: discriminator.location)
            return .failed
        }
        let target = discriminator.mapping[tag]
        for option in options {
            guard let reference = option.reference else { continue }
            if let target {
                if reference == target || reference.hasSuffix("/" + target) { return .chosen(option.schema) }
            } else if reference.split(separator: "/").last.map(String.init) == tag {
                return .chosen(option.schema)
            }
        }
        if target == nil, let option = options.first(where: { $0.pinned.contains(tag) }) {
            return .chosen(option.schema)
        }
        walk.fail(
            member: property, "discriminator", "discriminator value \(JSONWriter.quote(tag)) names none of the schemas",
            at: discriminator.location)
        return .failed
    }
}
