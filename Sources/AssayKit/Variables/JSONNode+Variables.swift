extension JSONNode {
    /// Whether any string in this tree uses `${…}`.
    var containsVariableReference: Bool {
        switch kind {
        case .string(let text): text.mayReferenceVariables
        case .array(let items): items.contains { $0.containsVariableReference }
        case .object(let members): members.contains { $0.value.containsVariableReference }
        default: false
        }
    }
}

extension VariableScope {
    /// The tree with references to known variables and set environment variables resolved; other
    /// references (captures of earlier steps, `${uuid}`) and the members in `excludingKeys` stay as written.
    func resolvingKnown(_ node: JSONNode, excludingKeys: Set<String> = []) -> JSONNode {
        var result = node
        switch node.kind {
        case .string(let text):
            result.kind = .string(resolveKnown(text))
        case .array(let items):
            result.kind = .array(items.map { resolvingKnown($0) })
        case .object(let members):
            result.kind = .object(
                members.map { member in
                    excludingKeys.contains(member.key)
                        ? member
                        : JSONMember(
                            key: member.key, keyIsASCII: member.keyIsASCII, keyLocation: member.keyLocation,
                            value: resolvingKnown(member.value))
                })
        default:
            break
        }
        return result
    }

    /// The tree with every string value resolved, locations kept (for blocks decoded after planning).
    func resolve(_ node: JSONNode) throws(Diagnostic) -> JSONNode {
        var result = node
        switch node.kind {
        case .string(let text):
            result.kind = .string(try resolve(text, at: node.location))
        case .array(let items):
            var resolved: [JSONNode] = []
            for item in items { resolved.append(try resolve(item)) }
            result.kind = .array(resolved)
        case .object(let members):
            var resolved: [JSONMember] = []
            for member in members {
                resolved.append(
                    JSONMember(
                        key: member.key, keyIsASCII: member.keyIsASCII, keyLocation: member.keyLocation,
                        value: try resolve(member.value)))
            }
            result.kind = .object(resolved)
        default:
            break
        }
        return result
    }
}
