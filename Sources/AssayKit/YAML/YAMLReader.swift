#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The YAML reader's cursor over the document's bytes: where it is (offset, line, line start),
/// the anchors defined so far, and the small moves every part of the grammar shares. The grammar
/// itself is in the `+Block`, `+Flow`, `+Quoted` and `+BlockScalar` extensions.
///
/// Between nodes the reader rests on the first content character of a line (or at the end), so the
/// block rules decide by that line's indentation what comes next.
struct YAMLReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let fileID: UInt32
    let maxDepth: Int
    var position = 0
    var line = 1
    var lineStart = 0
    /// Set when the reader met the end of the input or a document marker (`---`, `...`).
    var finished = false
    var anchors: YAMLAnchorTable
    /// The source text of the last plain scalar, for the `!!str` tag.
    var lastPlainText: String?
    /// The stacks and the string cache, behind one reference so the reader stays small.
    let scratch = YAMLScratch()
    var memberStack: MoveStack<JSONMember> { scratch.members }
    var itemStack: MoveStack<JSONNode> { scratch.items }

    init(bytes: UnsafeBufferPointer<UInt8>, fileID: UInt32, maxDepth: Int, maxAliasNodes: Int) {
        self.bytes = bytes
        self.fileID = fileID
        self.maxDepth = maxDepth
        anchors = YAMLAnchorTable(maxAliasNodes: maxAliasNodes)
    }

    /// A saved position, to look ahead and come back.
    struct Mark {
        let position: Int
        let line: Int
        let lineStart: Int
    }

    var mark: Mark { Mark(position: position, line: line, lineStart: lineStart) }

    mutating func reset(to mark: Mark) {
        position = mark.position
        line = mark.line
        lineStart = mark.lineStart
    }

    // MARK: bytes

    /// The current byte, or 0 at the end (the input holds no NUL: `YAMLText` rejects it).
    var byte: UInt8 { position < bytes.count ? bytes[position] : 0 }

    func byte(at offset: Int) -> UInt8 {
        let index = position + offset
        return index < bytes.count ? bytes[index] : 0
    }

    var atEnd: Bool { position >= bytes.count }

    /// The current column, counted from 0 in bytes: indentation is spaces only, so at a line's
    /// first content (and after `- `) this is its indentation.
    var indent: Int { position - lineStart }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    static func isBreakOrEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0 }
    static func isSpaceOrEnd(_ byte: UInt8) -> Bool { isBlank(byte) || isBreakOrEnd(byte) }
    static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    /// Whether the current byte is `-` starting a block sequence entry.
    var atSequenceEntry: Bool { byte == UInt8(ascii: "-") && Self.isSpaceOrEnd(byte(at: 1)) }

    // MARK: locations

    /// The location of the current position.
    var location: SourceLocation { location(of: position) }

    /// The location of an offset on the current line (columns count Unicode scalars).
    func location(of offset: Int) -> SourceLocation {
        location(at: Mark(position: offset, line: line, lineStart: lineStart))
    }

    /// The location of a mark, on whatever line it was taken.
    func location(at mark: Mark) -> SourceLocation {
        let offset = mark.position
        let line = mark.line
        var column = 1
        var index = mark.lineStart
        // Eight bytes at a time while they are ASCII (indentation, mostly): each is one column.
        while index + 8 <= offset && index + 8 <= bytes.count {
            guard Self.word(bytes, at: index) & 0x8080_8080_8080_8080 == 0 else { break }
            column += 8
            index += 8
        }
        // The last few bytes in one word too, when they are ASCII.
        if index < offset && offset - index < 8 && index + 8 <= bytes.count {
            let taken = offset - index
            if Self.word(bytes, at: index) & ((1 &<< UInt64(taken &* 8)) &- 1) & 0x8080_8080_8080_8080 == 0 {
                column += taken
                index = offset
            }
        }
        while index < offset && index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(fileID: fileID, line: line, column: column)
    }

    func error(_ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(message, at: location, hint: hint)
    }

    /// How the current character reads in a message.
    var found: String {
        if atEnd { return "the end of the file" }
        if byte == 0x0A { return "the end of the line" }
        return
            "`\(String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<characterEnd(position)]), as: UTF8.self))`"
    }

    private func characterEnd(_ start: Int) -> Int {
        var end = start + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }

    func text(_ range: Range<Int>) -> String {
        if isShortASCII(range) {
            return scratch.shortStrings.string(at: bytes.baseAddress! + range.lowerBound, count: range.count)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Whether `range` is ASCII and short enough for `shortStrings`, which reads 16 bytes from its
    /// start (so that many must be there).
    func isShortASCII(_ range: Range<Int>) -> Bool {
        let count = range.count
        guard count > 0, count <= ShortStringCache.maxLength,
            range.lowerBound + ShortStringCache.maxLength <= bytes.count
        else { return false }
        let (low, high) = ShortStringCache.words(
            at: UnsafeRawPointer(bytes.baseAddress! + range.lowerBound), count: count)
        return (low | high) & 0x8080_8080_8080_8080 == 0
    }

    /// The eight bytes at `index` as one little-endian word; `index + 8` must be within the input.
    @inline(__always)
    static func word(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
    }

    // MARK: moves

    mutating func skipBlanks() {
        while Self.isBlank(byte) { position += 1 }
    }

    /// The offset of the first line feed at or after `start`, or the end of the input.
    func lineEnd(from start: Int) -> Int {
        guard start < bytes.count else { return bytes.count }
        guard let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) else { return bytes.count }
        return bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Moves past the `\n` at the current position.
    mutating func newLine() {
        position += 1
        line += 1
        lineStart = position
    }

    /// Skips blanks and a comment; then the line must end.
    mutating func expectLineEnd() throws(Diagnostic) {
        skipBlanks()
        if byte == UInt8(ascii: "#") {
            while !Self.isBreakOrEnd(byte) { position += 1 }
        }
        guard Self.isBreakOrEnd(byte) else {
            throw error("expected the end of the line, found \(found)")
        }
    }

    /// Moves to the first content character of the next line that has some, past blank and
    /// comment-only lines; sets `finished` at the end or at a document marker. Call at a line
    /// break, at the end, or at the start of a line.
    mutating func skipToContent() throws(Diagnostic) {
        if byte == 0x0A { newLine() }
        while true {
            while position + 8 <= bytes.count && Self.word(bytes, at: position) == 0x2020_2020_2020_2020 {
                position += 8
            }
            while byte == 0x20 { position += 1 }
            if byte == 0x09 {
                skipBlanks()
                if !Self.isBreakOrEnd(byte) && byte != UInt8(ascii: "#") {
                    throw error("a tab is not allowed in indentation", hint: "indent with spaces")
                }
            }
            if byte == UInt8(ascii: "#") {
                while !Self.isBreakOrEnd(byte) { position += 1 }
            }
            if byte == 0x0A {
                newLine()
                continue
            }
            if atEnd || atDocumentMarker {
                finished = true
            }
            return
        }
    }

    /// Whether a `---` or `...` line starts here.
    var atDocumentMarker: Bool {
        guard position == lineStart else { return false }
        let first = byte
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return false }
        return byte(at: 1) == first && byte(at: 2) == first && Self.isSpaceOrEnd(byte(at: 3))
    }

    func checkDepth(_ depth: Int) throws(Diagnostic) {
        if depth > maxDepth {
            throw error(
                "nesting is deeper than \(maxDepth) levels", hint: "a YAML document this deep is not an API description"
            )
        }
    }

    /// A node made by the reader; every one is counted, so an anchor knows how many nodes an alias
    /// to it adds.
    mutating func node(_ kind: JSONNode.Kind, at location: SourceLocation) -> JSONNode {
        anchors.nodeCount += 1
        return JSONNode(location: location, kind: kind)
    }
}

/// What one parse reuses throughout: the members of every open mapping and the items of every open
/// sequence (see `YAMLMembers`), and short ASCII texts made once (a description repeats the same
/// keys and words, `type`, `string`, `description`, tens of thousands of times).
final class YAMLScratch {
    let members = MoveStack<JSONMember>()
    let items = MoveStack<JSONNode>()
    let shortStrings = ShortStringCache()
}
