/// The JSON-valued variables of a config file (a target profile's whole requests, header families…),
/// put in place of every suite string written exactly `"${name}"` before the suite is decoded, so
/// the decoder sees an ordinary object and a mistake in it is reported where the profile wrote it.
public struct JSONSplices: Sendable {
    private var nodes: [String: JSONNode] = [:]

    public init() {}

    /// The JSON-valued ones among `definitions`; a later definition of a name replaces an earlier one.
    public init(_ definitions: [VariableDefinition]) {
        for definition in definitions {
            if let node = definition.node { nodes[definition.name] = node } else { nodes[definition.name] = nil }
        }
    }

    public var isEmpty: Bool { nodes.isEmpty }
    public var names: Set<String> { Set(nodes.keys) }

    /// Removes `name` (a command-line `--var` overrides a JSON-valued variable with a string).
    public mutating func remove(_ name: String) { nodes[name] = nil }

    /// How deep spliced values may reference further JSON-valued variables: a loop ends here.
    static let maximumDepth = 8

    /// `node` with every whole-string `${name}` of a JSON-valued variable replaced by its value
    /// (itself spliced, so a profile's request may name another JSON-valued variable).
    public func splice(_ node: JSONNode) throws(Diagnostic) -> JSONNode {
        guard !nodes.isEmpty else { return node }
        return try splice(node, depth: 0)
    }

    private func splice(_ node: JSONNode, depth: Int) throws(Diagnostic) -> JSONNode {
        switch node.kind {
        case .string(let text):
            guard let name = Self.wholeReference(text), let value = nodes[name] else { return node }
            guard depth < Self.maximumDepth else {
                throw Diagnostic(
                    "JSON-valued variable `\(name)` refers to itself through \(Self.maximumDepth) levels",
                    at: node.location, hint: "a JSON-valued variable may not contain itself")
            }
            return try splice(value, depth: depth + 1)
        case .array(let items):
            var result = node
            var spliced: [JSONNode] = []
            spliced.reserveCapacity(items.count)
            for item in items { spliced.append(try splice(item, depth: depth)) }
            result.kind = .array(spliced)
            return result
        case .object(let members):
            var result = node
            var spliced: [JSONMember] = []
            spliced.reserveCapacity(members.count)
            for member in members {
                var copy = member
                copy.value = try splice(member.value, depth: depth)
                spliced.append(copy)
            }
            result.kind = .object(spliced)
            return result
        default:
            return node
        }
    }

    /// The variable name when `text` is exactly one `${name}` and nothing else.
    static func wholeReference(_ text: String) -> String? {
        guard text.hasPrefix("${"), text.hasSuffix("}"), text.utf8.count > 3 else { return nil }
        let name = text.dropFirst(2).dropLast()
        guard !name.contains("}"), !name.contains("$"), !name.contains(":") else { return nil }
        return String(name)
    }
}
