/// Flow collections: `[a, b]` and `{key: value}`, which may span lines and hold comments, and
/// aliases.
extension YAMLReader {
    /// A `[…]` or `{…}` collection starting at the current character.
    mutating func parseFlowCollection(depth: Int) throws(Diagnostic) -> JSONNode {
        try checkDepth(depth)
        return byte == UInt8(ascii: "[") ? try parseFlowSequence(depth: depth) : try parseFlowMapping(depth: depth)
    }

    /// Blanks, line breaks and comments between flow tokens.
    mutating func skipFlowSpace() {
        while true {
            skipBlanks()
            if byte == UInt8(ascii: "#") {
                while !Self.isBreakOrEnd(byte) { position += 1 }
            }
            guard byte == 0x0A else { return }
            newLine()
        }
    }

    private mutating func parseFlowSequence(depth: Int) throws(Diagnostic) -> JSONNode {
        let start = location
        position += 1
        let first = itemStack.count
        while true {
            skipFlowSpace()
            if byte == UInt8(ascii: "]") {
                position += 1
                break
            }
            guard !atEnd else { throw Diagnostic("unterminated flow sequence: expected `]`", at: start) }
            var item = try parseFlowNode(depth: depth + 1)
            skipFlowSpace()
            if byte == UInt8(ascii: ":") {
                // `[key: value]`: a single-pair mapping as the item.
                position += 1
                skipFlowSpace()
                let value = try flowValueOrNull(depth: depth + 1, closing: UInt8(ascii: "]"))
                let key = try flowKeyText(item)
                item = node(
                    .object([JSONMember(key: key, keyLocation: item.location, value: value)]), at: item.location)
                skipFlowSpace()
            }
            itemStack.push(item)
            guard !atEnd else { throw Diagnostic("unterminated flow sequence: expected `]`", at: start) }
            if byte == UInt8(ascii: ",") {
                position += 1
            } else if byte != UInt8(ascii: "]") {
                throw error("expected `,` or `]` in a flow sequence, found \(found)")
            }
        }
        return node(.array(itemStack.popArray(from: first)), at: start)
    }

    private mutating func parseFlowMapping(depth: Int) throws(Diagnostic) -> JSONNode {
        let start = location
        position += 1
        var members = YAMLMembers(on: memberStack)
        while true {
            skipFlowSpace()
            if byte == UInt8(ascii: "}") {
                position += 1
                break
            }
            guard !atEnd else { throw Diagnostic("unterminated flow mapping: expected `}`", at: start) }
            let keyLocation = location
            let key: String
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                key = try parseQuoted()
            } else {
                key = try parsePlainFlowText(allowEmpty: false)
            }
            skipFlowSpace()
            var value: JSONNode
            if byte == UInt8(ascii: ":") {
                position += 1
                skipFlowSpace()
                value = try flowValueOrNull(depth: depth + 1, closing: UInt8(ascii: "}"))
                skipFlowSpace()
            } else {
                value = node(.null, at: keyLocation)
            }
            try members.add(key, at: keyLocation, value: value)
            guard !atEnd else { throw Diagnostic("unterminated flow mapping: expected `}`", at: start) }
            if byte == UInt8(ascii: ",") {
                position += 1
            } else if byte != UInt8(ascii: "}") {
                throw error("expected `,` or `}` in a flow mapping, found \(found)")
            }
        }
        return node(.object(members.take()), at: start)
    }

    /// The value after `:` in a flow collection; null when the entry ends right there.
    private mutating func flowValueOrNull(depth: Int, closing: UInt8) throws(Diagnostic) -> JSONNode {
        if byte == UInt8(ascii: ",") || byte == closing { return node(.null, at: location) }
        return try parseFlowNode(depth: depth)
    }

    /// A scalar item used as a key in `[key: value]`.
    private func flowKeyText(_ key: JSONNode) throws(Diagnostic) -> String {
        switch key.kind {
        case .string(let text): return text
        case .null: return lastPlainText ?? ""
        case .bool, .number: return lastPlainText ?? key.value.description
        default: throw Diagnostic("a collection cannot be a mapping key", at: key.location)
        }
    }

    /// Any node inside a flow collection.
    mutating func parseFlowNode(depth: Int) throws(Diagnostic) -> JSONNode {
        try checkDepth(depth)
        let (anchor, tag) = try parseProperties(inFlow: true)
        if anchor != nil || tag != nil { skipFlowSpace() }
        let countBefore = anchors.nodeCount
        var value: JSONNode
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            value = try parseFlowCollection(depth: depth)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let start = location
            value = node(.string(try parseQuoted()), at: start)
        case UInt8(ascii: "*"):
            value = try parseAlias(inFlow: true)
        default:
            let start = location
            let text = try parsePlainFlowText(allowEmpty: anchor != nil || tag != nil)
            lastPlainText = text
            value = node(YAMLScalar.resolve(text), at: start)
        }
        value = applying(tag, to: value)
        if let anchor { anchors.define(anchor, value, nodes: anchors.nodeCount - countBefore) }
        return value
    }

    /// A plain scalar inside a flow collection: it ends at a flow indicator, at `: `, at ` #` or at
    /// the end of the line.
    private mutating func parsePlainFlowText(allowEmpty: Bool) throws(Diagnostic) -> String {
        let start = position
        var end = position
        while !Self.isBreakOrEnd(byte) && !Self.isFlowIndicator(byte) {
            let current = byte
            if current == UInt8(ascii: "#") && position > start && Self.isBlank(byte(at: -1)) { break }
            if current == UInt8(ascii: ":") {
                let next = byte(at: 1)
                if Self.isSpaceOrEnd(next) || Self.isFlowIndicator(next) { break }
            }
            position += 1
            if !Self.isBlank(current) { end = position }
        }
        guard end > start || allowEmpty else { throw error("expected a value, found \(found)") }
        return text(start..<end)
    }

    /// `*name`: a copy of the anchored node.
    mutating func parseAlias(inFlow: Bool) throws(Diagnostic) -> JSONNode {
        let start = location
        position += 1
        let nameStart = position
        while !Self.isSpaceOrEnd(byte) && !(inFlow && Self.isFlowIndicator(byte)) { position += 1 }
        guard position > nameStart else { throw Diagnostic("expected an anchor name after `*`", at: start) }
        return try anchors.resolve(text(nameStart..<position), at: start)
    }
}
