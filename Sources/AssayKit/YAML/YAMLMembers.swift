/// The members of a mapping being read: document order, duplicate keys rejected with both
/// locations, and `<<` merge keys applied (explicit keys win over merged ones).
///
/// The members wait on the reader's stack, which every open mapping shares (a nested mapping is
/// finished, and its members taken off, before the entry holding it is added), and are moved off
/// into an array of their exact count at the end: an array per mapping grown one member at a
/// time reallocated and copied several times for every mapping of a description.
struct YAMLMembers {
    private let stack: MoveStack<JSONMember>
    /// Where this mapping's members start on the stack.
    private let start: Int
    /// Stack positions by key, built only once the mapping is large enough for a scan to cost more.
    private var index: [String: Int]?
    private static let indexThreshold = 12

    init(on stack: MoveStack<JSONMember>) {
        self.stack = stack
        start = stack.count
    }

    /// Adds `key`; `keyIsASCII` when the reader knows it (nil: look).
    mutating func add(_ key: String, keyIsASCII: Bool? = nil, at location: SourceLocation, value: JSONNode)
        throws(Diagnostic)
    {
        if let existing = position(of: key) {
            let first = stack[existing].keyLocation
            throw Diagnostic(
                "duplicate key `\(key)` (first defined at line \(first.line), column \(first.column))", at: location)
        }
        append(
            JSONMember(
                key: key, keyIsASCII: keyIsASCII ?? key.utf8.allSatisfy { $0 < 0x80 }, keyLocation: location,
                value: value))
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        var position = start
        while position < stack.count {
            if stack[position].key == key { return position }
            position += 1
        }
        return nil
    }

    private mutating func append(_ member: JSONMember) {
        let key = member.key
        stack.push(member)
        if index != nil {
            index?[key] = stack.count - 1
        } else if stack.count - start > Self.indexThreshold {
            var built: [String: Int] = [:]
            for position in start..<stack.count { built[stack[position].key] = position }
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

    /// The members in document order, moved off the stack.
    func take() -> [JSONMember] { stack.popArray(from: start) }
}
