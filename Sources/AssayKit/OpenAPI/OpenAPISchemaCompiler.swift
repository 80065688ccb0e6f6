import Foundation

/// Compiles the description's schemas into `OpenAPICompiledSchema`s, each the first time it is
/// needed, and keeps them for the run: every thread that judges exchanges shares one compiler.
///
/// Asking for a schema compiles everything reachable from it at once, under the lock, with a work
/// list rather than recursion (a description's schemas may refer to each other thousands deep, and
/// exchanges are judged on threads with small stacks); so a schema handed out is complete, and is
/// never changed again. Schemas are keyed by where they are written, which is unique in the
/// description (an alias of YAML repeats the same tree, so sharing its compiled form is right).
final class OpenAPISchemaCompiler: @unchecked Sendable {
    // @unchecked: `compiled` and the schemas' fields are written only under `lock`.
    private let lock = NSLock()
    private var compiled: [SourceLocation: OpenAPICompiledSchema] = [:]
    private let resolver: OpenAPIResolver
    /// 3.0 ignores what is written beside a `$ref`; 3.1 (JSON Schema 2020-12) applies it too.
    private let ignoresReferenceSiblings: Bool
    private let nullAllowed: Set<SourceLocation>

    init(spec: OpenAPISpec, nullAllowed: Set<SourceLocation>) {
        resolver = spec.resolver
        ignoresReferenceSiblings = spec.isVersion30
        self.nullAllowed = nullAllowed
    }

    /// The compiled form of the schema `node`.
    func schema(_ node: OpenAPINode) -> OpenAPICompiledSchema {
        lock.withLock {
            var pending: [(OpenAPINode, OpenAPICompiledSchema)] = []
            let schema = obtain(node, pending: &pending)
            while let (node, schema) = pending.popLast() {
                fill(schema, from: node, pending: &pending)
            }
            return schema
        }
    }

    /// The schema for `node`, known or new; a new one is filled in when the work list reaches it.
    private func obtain(
        _ node: OpenAPINode, pending: inout [(OpenAPINode, OpenAPICompiledSchema)]
    ) -> OpenAPICompiledSchema {
        if let known = compiled[node.location] { return known }
        let schema = OpenAPICompiledSchema(location: node.location)
        compiled[node.location] = schema
        pending.append((node, schema))
        return schema
    }

    private func fill(
        _ schema: OpenAPICompiledSchema, from node: OpenAPINode, pending: inout [(OpenAPINode, OpenAPICompiledSchema)]
    ) {
        schema.nullable = nullAllowed.contains(node.location)
        if node.reference != nil {
            do {
                let target = try resolver.resolve(node)
                // A reference to `false` fails where the reference is, as the schema it stands for.
                if let flag = target.bool {
                    schema.boolean = flag
                } else {
                    schema.reference = obtain(target, pending: &pending)
                }
            } catch {
                schema.brokenReference = error.message
                return
            }
            if ignoresReferenceSiblings { return }
        } else if let flag = node.bool {
            schema.boolean = flag
            return
        }
        guard case .object(let members) = node.node.kind else { return }
        func sub(_ child: JSONNode) -> OpenAPICompiledSchema {
            obtain(OpenAPINode(child, in: node.document), pending: &pending)
        }
        // The keywords one by one, in one pass over the members; the first of a repeated key wins, as a lookup would find it.
        var seen = Set<String>()
        for member in members where seen.insert(member.key).inserted {
            let value = OpenAPINode(member.value, in: node.document)
            let location = member.value.location
            switch member.key {
            // `nullable` is 3.0's, but 3.1 documents still write it (OpenAI's does, 111 times) and mean it.
            case "nullable": if value.bool == true { schema.nullable = true }
            case "type": schema.type = Self.type(value)
            case "enum": schema.enumeration = (value.items.map(\.node.value), location)
            case "const": schema.constant = (member.value.value, location)
            case "allOf": schema.allOf = value.items.map { sub($0.node) }
            case "properties":
                var properties: [String: OpenAPICompiledSchema] = [:]
                for property in value.members where properties[property.key] == nil {
                    properties[property.key] = sub(property.value.node)
                }
                schema.properties = properties
            case "required": schema.required = (value.items.compactMap(\.string), location)
            case "additionalProperties": schema.additionalProperties = Self.additional(value, sub)
            case "items": schema.items = Self.additional(value, sub)
            case "prefixItems": schema.prefixItems = value.items.map { sub($0.node) }
            case "minProperties": schema.minProperties = Self.bound(value)
            case "maxProperties": schema.maxProperties = Self.bound(value)
            case "minItems": schema.minItems = Self.bound(value)
            case "maxItems": schema.maxItems = Self.bound(value)
            case "minLength": schema.minLength = Self.bound(value)
            case "maxLength": schema.maxLength = Self.bound(value)
            case "pattern":
                if let source = value.string {
                    schema.pattern = .init(
                        source: source, regex: OpenAPIPatternCache.shared.regex(source), location: location)
                }
            case "format": if let name = value.string { schema.format = (name, location) }
            case "minimum": schema.minimum = Self.numberBound(value)
            case "maximum": schema.maximum = Self.numberBound(value)
            case "exclusiveMinimum":
                schema.minimumIsExclusive = value.bool == true
                schema.exclusiveMinimum = Self.numberBound(value)
            case "exclusiveMaximum":
                schema.maximumIsExclusive = value.bool == true
                schema.exclusiveMaximum = Self.numberBound(value)
            default: break
            }
        }
        if let content = node["contentSchema"], let mediaType = node["contentMediaType"],
            let name = mediaType.string, OpenAPIResponseValidator.isJSON(name)
        {
            schema.content = (sub(content.node), mediaType.location)
        }
        let discriminator = Self.discriminator(node)
        schema.discriminator = discriminator
        for keyword in ["oneOf", "anyOf"] {
            guard let list = node[keyword] else { continue }
            let options = list.items.map { option in
                OpenAPICompiledSchema.Option(
                    schema: sub(option.node), reference: option.reference,
                    pinned: discriminator.map { pinned($0.propertyName, in: option) } ?? [])
            }
            schema.alternatives.append(.init(keyword: keyword, options: options, location: list.location))
        }
    }

    private static func type(_ node: OpenAPINode) -> OpenAPICompiledSchema.TypeKeyword {
        let names = node.string.map { [$0] } ?? node.items.compactMap(\.string)
        var allowed: OpenAPICompiledSchema.TypeSet = []
        for name in names { allowed.formUnion(.init(name: name)) }
        return .init(
            allowed: allowed, expected: OpenAPISchemaValidator.article(names.joined(separator: " or ")),
            location: node.location)
    }

    private static func additional(
        _ node: OpenAPINode, _ sub: (JSONNode) -> OpenAPICompiledSchema
    ) -> OpenAPICompiledSchema.Additional {
        switch node.bool {
        case true: .unconstrained
        case false: .forbidden(node.location)
        case nil: .schema(sub(node.node))
        }
    }

    private static func bound(_ node: OpenAPINode) -> OpenAPICompiledSchema.Bound? {
        node.number?.integer.map { .init(value: $0, location: node.location) }
    }

    private static func numberBound(_ node: OpenAPINode) -> OpenAPICompiledSchema.NumberBound? {
        node.number.map { .init(value: $0.double, location: node.location) }
    }

    private static func discriminator(_ node: OpenAPINode) -> OpenAPICompiledSchema.Discriminator? {
        guard let discriminator = node["discriminator"], let property = discriminator["propertyName"]?.string else {
            return nil
        }
        var mapping: [String: String] = [:]
        for (tag, _, target) in discriminator["mapping"]?.members ?? [] where mapping[tag] == nil {
            if let target = target.string { mapping[tag] = target }
        }
        return .init(propertyName: property, mapping: mapping, location: discriminator.location)
    }

    /// The values `option` (or one of its `allOf` parts) fixes `property` to, with `const` or a
    /// one-value `enum`: descriptions often leave out the discriminator's mapping and let each
    /// option pin the value itself (OpenAI's stream events: `type: {enum: [response.created]}`).
    private func pinned(_ property: String, in option: OpenAPINode) -> Set<String> {
        guard let schema = resolver.resolved(option) else { return [] }
        var values = Set<String>()
        for part in [schema] + (schema["allOf"]?.items ?? []) {
            guard let member = resolver.resolved(resolver.resolved(part)?["properties"]?[property]) else { continue }
            if let constant = member["const"]?.string { values.insert(constant) }
            if let listed = member["enum"]?.items, listed.count == 1, let only = listed[0].string {
                values.insert(only)
            }
        }
        return values
    }
}
