/// The members of a mapping being read: document order, duplicate keys rejected with both
/// locations, and `<<` merge keys applied (explicit keys win over merged ones).
struct YAMLMembers {
    private(set) var list: [JSONMember] = []
    /// Positions by key, built only once the mapping is large enough for a scan to cost more.
    private var index: [String: Int]?
    private static let indexThreshold = 12

    mutating func add(_ key: String, at location: SourceLocation, value: JSONNode) throws(Diagnostic) {
        if let existing = position(of: key) {
            let first = list[existing].keyLocation
            throw Diagnostic(
                "duplicate key `\(key)` (first defined at line \(first.line), column \(first.column))", at: location)
        }
        append(JSONMember(key: key, keyLocation: location, value: value))
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return list.firstIndex { $0.key == key }
    }

    private mutating func append(_ member: JSONMember) {
        list.append(member)
        if index != nil {
            index?[member.key] = list.count - 1
        } else if list.count > Self.indexThreshold {
            var built: [String: Int] = [:]
            for (offset, member) in list.enumerated() { built[member.key] = offset }
            index = built
        }
    }

    /// Applies `<<: *base` (or a sequence of bases, earlier ones winning): members not written
    /// explicitly are copied from each base mapping.
    mutating func merge(_ sources: [JSONNode]) throws(Diagnostic) {
        for source in sources {
            let bases: [JSONNode]
            switch source.kind {
            case .object: bases = [source]
            case .array(let items): bases = items
            default: throw Diagnostic("a merge key `<<` needs a mapping or a sequence of mappings", at: source.location)
            }
            for base in bases {
                guard case .object(let baseMembers) = base.kind else {
                    throw Diagnostic("a merge key `<<` needs a mapping or a sequence of mappings", at: base.location)
                }
                for member in baseMembers where position(of: member.key) == nil { append(member) }
            }
        }
    }
}
