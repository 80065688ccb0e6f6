/// Block structure: the document, mappings and sequences laid out by indentation, and the node
/// after `key:` or `- ` (with its anchor and tag).
extension YAMLReader {
    /// Parses the whole input as one document.
    mutating func parseDocument() throws(Diagnostic) -> JSONNode {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
            lineStart = 3
        }
        try skipDirectives()
        let startMark = mark
        let start = location
        var explicitStart = false
        if atDocumentMarker && byte == UInt8(ascii: "-") {
            explicitStart = true
            position += 3
            finished = false
        }
        var root: JSONNode
        if finished && !explicitStart {
            root = node(.null, at: start)
        } else {
            root = try parseEntryValue(parentIndent: -1, afterKey: false, depth: 0, emptyAt: startMark)
        }
        if finished && !atEnd {
            if byte == UInt8(ascii: "-") {
                throw error("a second document starts here; only one document per file is supported")
            }
            position += 3
            finished = false
            try expectLineEnd()
            try skipToContent()
            if !atEnd {
                throw error("expected the end of the file after `...`, found \(found)")
            }
        } else if !atEnd {
            throw error("unexpected \(found) after the document's root node (check the indentation)")
        }
        if case .null = root.kind, !explicitStart { root.location = start }
        return root
    }

    /// Skips blank lines, comments and `%` directives before the document.
    private mutating func skipDirectives() throws(Diagnostic) {
        try skipToContent()
        while !finished && position == lineStart && byte == UInt8(ascii: "%") {
            while !Self.isBreakOrEnd(byte) { position += 1 }
            try skipToContent()
        }
    }

    /// The node after `key:` or `- ` (or at the document's start): its anchor and tag, then the
    /// node on the same line or, when the line ends, on the lines below that are indented more
    /// than `parentIndent` (a mapping's value may also be a sequence at the mapping's own indent).
    /// `emptyAt`: where an empty value is said to be, kept as a mark since it is rarely needed.
    mutating func parseEntryValue(parentIndent: Int, afterKey: Bool, depth: Int, emptyAt: Mark)
        throws(Diagnostic) -> JSONNode
    {
        try checkDepth(depth)
        skipBlanks()
        let (anchor, tag) = try parseProperties(inFlow: false)
        let countBefore = anchors.nodeCount
        var value: JSONNode
        if byte == UInt8(ascii: "#") || Self.isBreakOrEnd(byte) {
            let here = anchor == nil && tag == nil ? location(at: emptyAt) : location
            try expectLineEnd()
            try skipToContent()
            if !finished && (indent > parentIndent || (afterKey && indent == parentIndent && atSequenceEntry)) {
                value = try parseBlockNode(parentIndent: parentIndent, allowCollections: true, depth: depth + 1)
            } else {
                value = node(.null, at: here)
            }
        } else {
            value = try parseBlockNode(parentIndent: parentIndent, allowCollections: !afterKey, depth: depth + 1)
        }
        value = applying(tag, to: value)
        if let anchor { anchors.define(anchor, value, nodes: anchors.nodeCount - countBefore) }
        return value
    }

    /// `&anchor` and `!tag`, in either order, before a node.
    mutating func parseProperties(inFlow: Bool) throws(Diagnostic) -> (anchor: String?, tag: String?) {
        var anchor: String?
        var tag: String?
        while byte == UInt8(ascii: "&") || byte == UInt8(ascii: "!") {
            let isAnchor = byte == UInt8(ascii: "&")
            let start = position + 1
            position += 1
            while !Self.isSpaceOrEnd(byte) && !(inFlow && Self.isFlowIndicator(byte)) { position += 1 }
            if isAnchor {
                guard position > start else { throw error("expected an anchor name after `&`") }
                anchor = text(start..<position)
            } else {
                tag = text(start - 1..<position)
            }
            skipBlanks()
        }
        return (anchor, tag)
    }

    /// `!!str` makes a plain scalar text; other tags leave the value as resolved.
    func applying(_ tag: String?, to value: JSONNode) -> JSONNode {
        guard tag == "!!str" || tag == "!<tag:yaml.org,2002:str>" else { return value }
        switch value.kind {
        case .null, .bool, .number:
            return JSONNode(location: value.location, kind: .string(lastPlainText ?? ""))
        default:
            return value
        }
    }

    /// A block node starting at the current content character (no properties).
    mutating func parseBlockNode(parentIndent: Int, allowCollections: Bool, depth: Int) throws(Diagnostic)
        -> JSONNode
    {
        try checkDepth(depth)
        switch byte {
        case UInt8(ascii: "*"):
            let value = try parseAlias(inFlow: false)
            try expectLineEnd()
            try skipToContent()
            return value
        case UInt8(ascii: "-") where atSequenceEntry:
            guard allowCollections else {
                throw error(
                    "a sequence cannot start on the same line as its key",
                    hint: "start the `- ` entries on the next line")
            }
            return try parseBlockSequence(indent: indent, depth: depth)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return try parseBlockScalar(parentIndent: parentIndent)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let value = try parseFlowCollection(depth: depth)
            try expectLineEnd()
            try skipToContent()
            return value
        case UInt8(ascii: "?") where Self.isSpaceOrEnd(byte(at: 1)):
            guard allowCollections else {
                throw error(
                    "a mapping cannot start on the same line as its key",
                    hint: "put the nested keys on the next lines, indented")
            }
            return try parseBlockMapping(indent: indent, depth: depth)
        default:
            if try mappingKeyAhead() {
                guard allowCollections else {
                    throw error(
                        "a mapping cannot start on the same line as its key",
                        hint: "put the nested keys on the next lines, indented")
                }
                return try parseBlockMapping(indent: indent, depth: depth)
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                let start = location
                let value = try parseQuoted()
                try expectLineEnd()
                try skipToContent()
                return node(.string(value), at: start)
            }
            return try parsePlainBlockScalar(parentIndent: parentIndent)
        }
    }

    /// Whether the current line starts a `key:` entry.
    mutating func mappingKeyAhead() throws(Diagnostic) -> Bool {
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            let saved = mark
            defer { reset(to: saved) }
            _ = try parseQuoted()
            skipBlanks()
            return byte == UInt8(ascii: ":") && Self.isSpaceOrEnd(byte(at: 1))
        }
        var index = position
        while index < bytes.count {
            let current = bytes[index]
            if current == 0x0A { return false }
            if current == UInt8(ascii: ":") {
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                if Self.isSpaceOrEnd(next) { return true }
            } else if current == UInt8(ascii: "#") && index > position && Self.isBlank(bytes[index - 1]) {
                return false
            }
            index += 1
        }
        return false
    }

    /// `key: value` entries at `indent`, until a line is indented less.
    mutating func parseBlockMapping(indent mappingIndent: Int, depth: Int) throws(Diagnostic) -> JSONNode {
        let start = location
        var members = YAMLMembers(on: memberStack)
        var merges: [JSONNode] = []
        while true {
            if atSequenceEntry {
                throw error("expected a mapping key at this indentation, found a sequence entry `-`")
            }
            let keyLocation = location
            let key: String
            var keyIsASCII: Bool?
            let value: JSONNode
            if byte == UInt8(ascii: "?") && Self.isSpaceOrEnd(byte(at: 1)) {
                (key, value) = try parseExplicitEntry(indent: mappingIndent, depth: depth)
            } else {
                (key, keyIsASCII) = try parseBlockKey()
                skipBlanks()
                position += 1  // the `:` that `parseBlockKey` found
                value = try parseEntryValue(
                    parentIndent: mappingIndent, afterKey: true, depth: depth + 1,
                    emptyAt: Mark(position: position - 1, line: line, lineStart: lineStart))
            }
            if key == "<<" {
                merges.append(value)
            } else {
                try members.add(key, keyIsASCII: keyIsASCII, at: keyLocation, value: value)
            }
            if finished || indent < mappingIndent { break }
            if indent > mappingIndent {
                throw error("unexpected indentation: expected a key at column \(mappingIndent + 1) or less")
            }
        }
        try members.merge(merges)
        return node(.object(members.take()), at: start)
    }

    /// `? key` and, on a line of its own at the same indentation, `: value` (which may be a compact
    /// collection); a scalar key only.
    private mutating func parseExplicitEntry(indent mappingIndent: Int, depth: Int) throws(Diagnostic)
        -> (String, JSONNode)
    {
        let questionMarkMark = mark
        let questionMark = location
        position += 1
        lastPlainText = nil
        let keyNode = try parseEntryValue(
            parentIndent: mappingIndent, afterKey: false, depth: depth + 1, emptyAt: questionMarkMark)
        let key: String
        switch keyNode.kind {
        case .string(let text): key = text
        case .null, .bool, .number: key = lastPlainText ?? keyNode.value.description
        default: throw Diagnostic("a collection cannot be a mapping key", at: keyNode.location)
        }
        guard !finished, indent == mappingIndent, byte == UInt8(ascii: ":"), Self.isSpaceOrEnd(byte(at: 1)) else {
            return (key, node(.null, at: questionMark))
        }
        let colon = mark
        position += 1
        return (
            key, try parseEntryValue(parentIndent: mappingIndent, afterKey: false, depth: depth + 1, emptyAt: colon)
        )
    }

    /// A mapping key in block context, up to (not including) its `:`, and whether it is known to
    /// be ASCII (nil: not known).
    private mutating func parseBlockKey() throws(Diagnostic) -> (String, Bool?) {
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            let key = try parseQuoted()
            skipBlanks()
            guard byte == UInt8(ascii: ":") else { throw error("expected `:` after the mapping key, found \(found)") }
            return (key, nil)
        }
        if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "!") {
            throw error("anchors, aliases and tags on mapping keys are not supported")
        }
        let start = position
        while true {
            let current = byte
            if Self.isBreakOrEnd(current) || (current == UInt8(ascii: "#") && Self.isBlank(byte(at: -1))) {
                throw error("expected `:` after the mapping key, found \(found)")
            }
            if current == UInt8(ascii: ":") && Self.isSpaceOrEnd(byte(at: 1)) { break }
            position += 1
        }
        var end = position
        while end > start && Self.isBlank(bytes[end - 1]) { end -= 1 }
        return (text(start..<end), isShortASCII(start..<end) ? true : nil)
    }

    /// `- item` entries at `indent`, until a line is indented less or holds something else.
    mutating func parseBlockSequence(indent sequenceIndent: Int, depth: Int) throws(Diagnostic) -> JSONNode {
        let start = location
        let first = itemStack.count
        while true {
            let itemStart = mark
            position += 1  // the `-`
            itemStack.push(
                try parseEntryValue(parentIndent: sequenceIndent, afterKey: false, depth: depth + 1, emptyAt: itemStart)
            )
            if finished || indent < sequenceIndent { break }
            if indent == sequenceIndent {
                if atSequenceEntry { continue }
                break
            }
            throw error("unexpected indentation: expected `- ` at column \(sequenceIndent + 1) or less")
        }
        return node(.array(itemStack.popArray(from: first)), at: start)
    }

    /// A plain scalar in block context, with its continuation lines (indented more than the
    /// parent) folded into one line each separated by a space, or by newlines for blank lines.
    mutating func parsePlainBlockScalar(parentIndent: Int) throws(Diagnostic) -> JSONNode {
        let start = location
        var value = try plainLine()
        var singleLine = true
        while Self.isBlank(byte) || byte == 0x0A {
            skipBlanks()
            guard byte == 0x0A else { break }  // a comment ends the scalar
            let saved = mark
            var breaks = 0
            while byte == 0x0A {
                newLine()
                breaks += 1
                while Self.isBlank(byte) { position += 1 }
            }
            guard !atEnd, indent > parentIndent, byte != UInt8(ascii: "#"), !atDocumentMarker else {
                reset(to: saved)
                break
            }
            let nextLine = try plainLine()
            value += breaks == 1 ? " " : String(repeating: "\n", count: breaks - 1)
            value += nextLine
            singleLine = false
        }
        try expectLineEnd()
        try skipToContent()
        lastPlainText = value
        return node(singleLine ? YAMLScalar.resolve(value) : .string(value), at: start)
    }

    /// One line of a block plain scalar, without trailing blanks; stops before ` #`.
    private mutating func plainLine() throws(Diagnostic) -> String {
        let start = position
        var end = position
        while !Self.isBreakOrEnd(byte) {
            let current = byte
            if current == UInt8(ascii: "#") && position > start && Self.isBlank(byte(at: -1)) { break }
            if current == UInt8(ascii: ":") && Self.isSpaceOrEnd(byte(at: 1)) {
                throw error(
                    "unexpected `: ` inside a plain value", hint: "quote the value, or start a mapping on its own line")
            }
            position += 1
            if !Self.isBlank(current) { end = position }
        }
        return text(start..<end)
    }
}
