/// Schema comparison for the diff: requests may not accept less than before, responses may not
/// lose or retype what they returned. `$ref`s are followed; a pair of schemas already being
/// compared further up (a recursive schema) is not entered again.
extension OpenAPIDiff {
    enum Side {
        case request, response
    }

    /// Deepest nesting of schemas compared: past it, nothing more is reported.
    static let maxSchemaDepth = 48

    mutating func compareSchemas(
        _ oldSchema: OpenAPINode?, _ newSchema: OpenAPINode?, side: Side, operation: String, where place: String
    ) {
        var visiting: Set<String> = []
        compare(
            oldSchema, newSchema, side: side, operation: operation, path: "$", place: place, visiting: &visiting,
            depth: 0)
    }

    private mutating func compare(
        _ oldRaw: OpenAPINode?, _ newRaw: OpenAPINode?, side: Side, operation: String, path: String, place: String,
        visiting: inout Set<String>, depth: Int
    ) {
        guard depth < Self.maxSchemaDepth, let oldRaw, let newRaw,
            let oldSchema = old.resolver.resolved(oldRaw), let newSchema = new.resolver.resolved(newRaw)
        else { return }
        let key =
            "\(oldSchema.document)|\(oldSchema.location.line):\(oldSchema.location.column)|\(newSchema.location.line):\(newSchema.location.column)|\(side)"
        guard visiting.insert(key).inserted else { return }
        defer { visiting.remove(key) }
        let oldFacts = SchemaFacts(oldSchema, old)
        let newFacts = SchemaFacts(newSchema, new)
        let at = "\(place) \(path)"

        // Types.
        if let oldTypes = oldFacts.types, let newTypes = newFacts.types, oldTypes != newTypes {
            switch side {
            case .request:
                let lost = oldTypes.filter { type in
                    !newTypes.contains(type) && !(type == "integer" && newTypes.contains("number"))
                }
                if lost.isEmpty {
                    add(
                        .requestTypeWidened, operation,
                        "\(at): type widened from \(Self.list(oldTypes)) to \(Self.list(newTypes))",
                        old: oldSchema.location, new: newSchema.location)
                } else {
                    add(
                        .requestTypeNarrowed, operation,
                        "\(at): type narrowed from \(Self.list(oldTypes)) to \(Self.list(newTypes))",
                        old: oldSchema.location, new: newSchema.location)
                }
            case .response:
                add(
                    .responseTypeChanged, operation,
                    "\(at): type changed from \(Self.list(oldTypes)) to \(Self.list(newTypes))",
                    old: oldSchema.location, new: newSchema.location)
            }
        }

        // Enums.
        if let oldEnum = oldFacts.enumValues, let newEnum = newFacts.enumValues {
            let removed = oldEnum.filter { !newEnum.contains($0) }
            let added = newEnum.filter { !oldEnum.contains($0) }
            switch side {
            case .request:
                if !removed.isEmpty {
                    add(
                        .requestEnumNarrowed, operation, "\(at): enum no longer accepts \(Self.values(removed))",
                        old: oldSchema.location, new: newSchema.location)
                }
                if !added.isEmpty {
                    add(
                        .requestEnumWidened, operation, "\(at): enum now also accepts \(Self.values(added))",
                        old: oldSchema.location, new: newSchema.location)
                }
            case .response:
                if !removed.isEmpty || !added.isEmpty {
                    add(
                        .responseEnumChanged, operation,
                        "\(at): enum changed (added \(Self.values(added)), removed \(Self.values(removed)))",
                        old: oldSchema.location, new: newSchema.location)
                }
            }
        } else if side == .request, oldFacts.enumValues == nil, let newEnum = newFacts.enumValues {
            add(
                .requestEnumNarrowed, operation, "\(at): now limited to \(Self.values(newEnum))",
                old: oldSchema.location, new: newSchema.location)
        }

        // Properties.
        for (name, newProperty) in newFacts.properties {
            let propertyPath = path + "." + name
            if let oldProperty = oldFacts.properties.first(where: { $0.name == name })?.schema {
                if side == .request && newFacts.required.contains(name) && !oldFacts.required.contains(name) {
                    add(
                        .requiredPropertyAdded, operation, "\(place) \(propertyPath) became required",
                        old: oldProperty.location, new: newProperty.location)
                }
                compare(
                    oldProperty, newProperty, side: side, operation: operation, path: propertyPath, place: place,
                    visiting: &visiting, depth: depth + 1)
            } else if side == .request {
                if newFacts.required.contains(name) {
                    add(
                        .requiredPropertyAdded, operation, "\(place) \(propertyPath): required property added",
                        old: oldSchema.location, new: newProperty.location)
                } else {
                    add(
                        .optionalPropertyAdded, operation, "\(place) \(propertyPath): optional property added",
                        old: oldSchema.location, new: newProperty.location)
                }
            } else {
                add(
                    .responsePropertyAdded, operation, "\(place) \(propertyPath): property added",
                    old: oldSchema.location, new: newProperty.location)
            }
        }
        for (name, oldProperty) in oldFacts.properties where !newFacts.properties.contains(where: { $0.name == name }) {
            let propertyPath = path + "." + name
            switch side {
            case .request:
                add(
                    .requestPropertyRemoved, operation, "\(place) \(propertyPath): property removed",
                    old: oldProperty.location, new: newSchema.location)
            case .response:
                add(
                    .responsePropertyRemoved, operation, "\(place) \(propertyPath): property removed",
                    old: oldProperty.location, new: newSchema.location)
            }
        }

        // Items.
        if let oldItems = oldFacts.items, let newItems = newFacts.items {
            compare(
                oldItems, newItems, side: side, operation: operation, path: path + "[]", place: place,
                visiting: &visiting, depth: depth + 1)
        }

        // Alternatives (`oneOf`/`anyOf` branches), paired by the schema they name or their title,
        // else by position: a request may not lose one, a response may not gain one.
        let oldBranches = Self.alternatives(oldSchema)
        let newBranches = Self.alternatives(newSchema)
        guard !oldBranches.isEmpty || !newBranches.isEmpty else { return }
        for (name, newBranch) in newBranches {
            if let oldBranch = oldBranches.first(where: { $0.name == name })?.schema {
                compare(
                    oldBranch, newBranch, side: side, operation: operation, path: "\(path)<\(name)>", place: place,
                    visiting: &visiting, depth: depth + 1)
            } else if !oldBranches.isEmpty {
                add(
                    side == .request ? .requestAlternativeAdded : .responseAlternativeAdded, operation,
                    "\(at): alternative `\(name)` added", old: oldSchema.location, new: newBranch.location)
            }
        }
        for (name, oldBranch) in oldBranches where !newBranches.contains(where: { $0.name == name }) {
            guard !newBranches.isEmpty else { continue }
            add(
                side == .request ? .requestAlternativeRemoved : .responseAlternativeRemoved, operation,
                "\(at): alternative `\(name)` removed", old: oldBranch.location, new: newSchema.location)
        }
    }

    /// The `oneOf` and `anyOf` branches of a schema, each named by the schema it refers to, its
    /// `title`, or else its position (`#2`).
    private static func alternatives(_ schema: OpenAPINode) -> [(name: String, schema: OpenAPINode)] {
        let branches = (schema["oneOf"]?.items ?? []) + (schema["anyOf"]?.items ?? [])
        return branches.enumerated().map { index, branch in
            let name =
                branch.reference.flatMap { $0.split(separator: "/").last.map(String.init) } ?? branch["title"]?.string
                ?? "#\(index + 1)"
            return (name, branch)
        }
    }

    private static func list(_ types: Set<String>) -> String { types.sorted().joined(separator: "|") }

    private static func values(_ values: [JSONValue]) -> String {
        values.map { JSONWriter.compact($0) }.joined(separator: ", ")
    }
}

/// What the diff reads from a schema: its types (with 3.0's `nullable`), properties and required
/// names (gathered through `allOf`), enum and items.
struct SchemaFacts {
    var types: Set<String>?
    var properties: [(name: String, schema: OpenAPINode)] = []
    var required: Set<String> = []
    var enumValues: [JSONValue]?
    var items: OpenAPINode?

    init(_ schema: OpenAPINode, _ spec: OpenAPISpec) {
        var depth = 0
        gather(schema, spec, depth: &depth)
        if let types, spec.isVersion30, schema["nullable"]?.bool == true { self.types = types.union(["null"]) }
    }

    private mutating func gather(_ schema: OpenAPINode, _ spec: OpenAPISpec, depth: inout Int) {
        depth += 1
        guard depth < 16 else { return }
        if let type = schema["type"] {
            let names = type.string.map { [$0] } ?? type.items.compactMap(\.string)
            types = (types ?? []).union(names)
        }
        for (name, _, property) in schema["properties"]?.members ?? []
        where !properties.contains(where: { $0.name == name }) {
            properties.append((name, property))
        }
        required.formUnion((schema["required"]?.items ?? []).compactMap(\.string))
        if let values = schema["enum"]?.items, enumValues == nil { enumValues = values.map(\.node.value) }
        if let constant = schema["const"], enumValues == nil { enumValues = [constant.node.value] }
        if items == nil { items = schema["items"] }
        for part in schema["allOf"]?.items ?? [] {
            if let resolved = spec.resolver.resolved(part) { gather(resolved, spec, depth: &depth) }
        }
    }
}
