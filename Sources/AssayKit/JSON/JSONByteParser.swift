/// A location for nodes of builders that do not track locations; never shown to users.
let unlocated = SourceLocation(file: "", line: 0, column: 0)

/// The recursive-descent JSON parser over UTF-8 bytes, shared by `JSONParser.parseNode`
/// and `JSONParser.parseValue`. It tracks the current line cheaply (line breaks only occur
/// in whitespace and comments) and computes columns only when a location is needed.
struct JSONByteParser<Builder: JSONTreeBuilder> {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    /// `file` registered once per document for located trees (0 otherwise: bodies need no
    /// registration, and their error locations name `file` directly).
    let fileID: UInt32
    /// JSONC: comments and trailing commas.
    let allowComments: Bool
    /// Whether string bytes must be checked for valid UTF-8 (not needed for Swift strings).
    let validateUTF8: Bool
    let maxDepth: Int
    /// The items of every open array (see `MoveStack`), made at the first array: most response
    /// bodies a golden judges are one object, and would pay for a stack they never use.
    lazy var items = MoveStack<Builder.Node>()
    /// The builder's state for objects.
    let scratch = Builder.makeScratch()
    /// Repeated short strings (keys above all): one cache per source file, and the thread's own
    /// for response bodies, which repeat from one response to the next.
    let shortStrings: ShortStringCache = Builder.needsLocations ? ShortStringCache() : .ofThisThread

    var offset = 0
    var line = 1
    var lineStart = 0
    // The last computed column on the current line, so locations cost O(distance) not O(column).
    var cachedOffset = 0
    var cachedColumn = 1
    /// The offset of the first non-ASCII byte seen on the current line (`Int.max` while none):
    /// before it a column is plain byte arithmetic, and suites are nearly all ASCII.
    var lineNonASCII = Int.max
    /// Whether the last string parsed had only ASCII bytes and no escapes (escapes may spell any character).
    var lastStringIsPlainASCII = false
    /// The root object's member whose array items go to `streamedItems` one by one as each is
    /// parsed, instead of into the tree (where that array is left empty): a suite's cases are
    /// decoded while their nodes are fresh in the cache, and each case's nodes are freed (and their
    /// memory reused) before the next is parsed.
    var streamedMember: String?
    var streamedItems: ((consuming Builder.Node) -> Void)?

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, allowComments: Bool, validateUTF8: Bool, maxDepth: Int) {
        self.bytes = bytes
        self.file = file
        fileID = Builder.needsLocations ? SourceFileTable.shared.id(of: file) : 0
        self.allowComments = allowComments
        self.validateUTF8 = validateUTF8
        self.maxDepth = maxDepth
    }

    /// Parses the whole input as exactly one JSON value.
    mutating func parseDocument() throws(Diagnostic) -> Builder.Node {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            offset = 3
            lineStart = 3
            cachedOffset = 3
        }
        try skipTrivia()
        guard offset < bytes.count else {
            throw Diagnostic("empty input, expected a JSON value", at: location(at: offset))
        }
        let node = try parseValue(depth: 0)
        try skipTrivia()
        if offset < bytes.count {
            throw error("expected end of input after the JSON value, found \(describe(at: offset))", at: offset)
        }
        return node
    }

    // MARK: Values

    mutating func parseValue(depth: Int) throws(Diagnostic) -> Builder.Node {
        guard offset < bytes.count else {
            throw error("expected a value, found end of input", at: offset)
        }
        let start = offset
        switch bytes[offset] {
        case ASCII.quote:
            let text = try parseString()
            return Builder.string(text, at: nodeLocation(start))
        case ASCII.openBrace:
            return try parseObject(depth: depth + 1)
        case ASCII.openBracket:
            return try parseArray(depth: depth + 1)
        case ASCII.minus, ASCII.zero...ASCII.nine:
            let number = try parseNumber()
            return Builder.number(number, at: nodeLocation(start))
        case ASCII.lowerT:
            try expectLiteral("true")
            return Builder.bool(true, at: nodeLocation(start))
        case ASCII.lowerF:
            try expectLiteral("false")
            return Builder.bool(false, at: nodeLocation(start))
        case ASCII.lowerN:
            try expectLiteral("null")
            return Builder.null(at: nodeLocation(start))
        case ASCII.singleQuote:
            throw Diagnostic(
                "expected a value, found \(describe(at: offset))", at: location(at: offset),
                hint: "JSON strings use double quotes")
        default:
            throw error("expected a value, found \(describe(at: offset))", at: offset)
        }
    }

    mutating func parseObject(depth: Int) throws(Diagnostic) -> Builder.Node {
        let start = offset
        try checkDepth(depth, at: start)
        let objectLocation = nodeLocation(start)
        offset += 1
        var buffer = Builder.makeObjectBuffer(scratch)
        try skipTrivia()
        if peek == ASCII.closeBrace {
            offset += 1
            return Builder.object(buffer, scratch: scratch, at: objectLocation)
        }
        while true {
            guard peek == ASCII.quote else {
                throw error("expected string key or '}', found \(describe(at: offset))", at: offset)
            }
            let keyOffset = offset
            let keyLocation = nodeLocation(keyOffset)
            let key = try parseString()
            let keyIsASCII = lastStringIsPlainASCII
            if let earlier = Builder.offsetOfMember(key, in: buffer, scratch: scratch) {
                let first = location(at: earlier)
                throw error(
                    "duplicate key \(JSONWriter.quote(key)) (first defined at \(first.line):\(first.column))",
                    at: keyOffset)
            }
            try skipTrivia()
            guard peek == ASCII.colon else {
                throw error("expected ':' after object key, found \(describe(at: offset))", at: offset)
            }
            offset += 1
            try skipTrivia()
            // Depth 1 is the root object (the document's value is parsed at depth 0).
            let value =
                depth == 1 && peek == ASCII.openBracket && key == streamedMember && streamedItems != nil
                ? try parseArray(depth: depth + 1, streamingTo: streamedItems)
                : try parseValue(depth: depth)
            // Both moved into the member: a copy would retain each and release it again.
            Builder.addMember(
                consume key, keyIsASCII: keyIsASCII, keyOffset: keyOffset, keyLocation: keyLocation,
                value: consume value, to: &buffer, scratch: scratch)
            try skipTrivia()
            switch peek {
            case ASCII.comma:
                let comma = offset
                offset += 1
                try skipTrivia()
                if peek == ASCII.closeBrace {
                    try checkTrailingComma(at: comma)
                    offset += 1
                    return Builder.object(buffer, scratch: scratch, at: objectLocation)
                }
            case ASCII.closeBrace:
                offset += 1
                return Builder.object(buffer, scratch: scratch, at: objectLocation)
            default:
                throw error("expected ',' or '}' after object member, found \(describe(at: offset))", at: offset)
            }
        }
    }

    /// An array; with `sink`, each item goes there as soon as it is parsed and the array comes back empty.
    mutating func parseArray(depth: Int, streamingTo sink: ((consuming Builder.Node) -> Void)? = nil) throws(Diagnostic)
        -> Builder.Node
    {
        try checkDepth(depth, at: offset)
        let arrayLocation = nodeLocation(offset)
        offset += 1
        let start = items.count
        try skipTrivia()
        if peek == ASCII.closeBracket {
            offset += 1
            return Builder.array([], at: arrayLocation)
        }
        while true {
            if peek == ASCII.comma {
                throw error("expected a value or ']', found ','", at: offset)
            }
            let item = try parseValue(depth: depth)
            if let sink { sink(item) } else { items.push(item) }
            try skipTrivia()
            switch peek {
            case ASCII.comma:
                let comma = offset
                offset += 1
                try skipTrivia()
                if peek == ASCII.closeBracket {
                    try checkTrailingComma(at: comma)
                    offset += 1
                    return Builder.array(items.popArray(from: start), at: arrayLocation)
                }
            case ASCII.closeBracket:
                offset += 1
                return Builder.array(items.popArray(from: start), at: arrayLocation)
            default:
                throw error("expected ',' or ']' after array element, found \(describe(at: offset))", at: offset)
            }
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(Diagnostic) {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            guard offset + count <= bytes.count else { return false }
            for index in 0..<count where bytes[offset + index] != expected[index] { return false }
            return true
        }
        guard matches else {
            throw error("expected a value, found \(describe(at: offset))", at: offset)
        }
        offset += count
    }

    func checkDepth(_ depth: Int, at start: Int) throws(Diagnostic) {
        if depth > maxDepth {
            throw error("nesting depth exceeds the limit of \(maxDepth)", at: start)
        }
    }

    func checkTrailingComma(at comma: Int) throws(Diagnostic) {
        if !allowComments {
            throw error("trailing comma is not allowed in strict JSON", at: comma)
        }
    }

    // MARK: Whitespace and comments

    var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func newLine(startingAt next: Int) {
        line += 1
        lineStart = next
        cachedOffset = next
        cachedColumn = 1
        lineNonASCII = Int.max
    }

    mutating func sawNonASCII(at position: Int) {
        if position < lineNonASCII { lineNonASCII = position }
    }

    /// Skips whitespace and, in JSONC, comments, keeping the line count.
    @inline(__always)
    mutating func skipTrivia() throws(Diagnostic) {
        // Most calls stand on a value or punctuation already: no call then (≈ 80 calls a suite case).
        if offset < bytes.count, bytes[offset] > ASCII.space, bytes[offset] != ASCII.slash { return }
        try skipTriviaRun()
    }

    mutating func skipTriviaRun() throws(Diagnostic) {
        // A local index: `offset` is a member, and updating it byte by byte cost a load and a store each.
        var index = offset
        let end = bytes.count
        defer { offset = index }
        while index < end {
            switch bytes[index] {
            case ASCII.space, ASCII.tab:
                index += 1
            case ASCII.lineFeed:
                index += 1
                newLine(startingAt: index)
                index = Self.skipSpaces(in: bytes, from: index)
            case ASCII.carriageReturn:
                index += 1
                if index == end || bytes[index] != ASCII.lineFeed { newLine(startingAt: index) }
            case ASCII.slash:
                offset = index
                try skipComment()
                index = offset
            default:
                return
            }
        }
    }

    /// The end of the run of spaces at `start`, eight bytes at a time: suites are indented text.
    @inline(__always)
    static func skipSpaces(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index &+ 8 <= bytes.count {
            let word = UInt64(
                littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
            // Zero bytes here are spaces; the lowest non-zero byte is the first other one.
            let others = word ^ 0x2020_2020_2020_2020
            if others != 0 { return index &+ (others.trailingZeroBitCount &>> 3) }
            index &+= 8
        }
        return index
    }

    mutating func skipComment() throws(Diagnostic) {
        let start = offset
        guard allowComments else {
            throw error("comments are not allowed in strict JSON", at: start)
        }
        let next = offset + 1 < bytes.count ? bytes[offset + 1] : nil
        if next == ASCII.slash {
            offset += 2
            while let byte = peek, byte != ASCII.lineFeed, byte != ASCII.carriageReturn {
                if byte >= 0x80 { sawNonASCII(at: offset) }
                offset += 1
            }
        } else if next == ASCII.star {
            offset += 2
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == ASCII.star, offset + 1 < bytes.count, bytes[offset + 1] == ASCII.slash {
                    offset += 2
                    return
                }
                if byte >= 0x80 { sawNonASCII(at: offset) }
                offset += 1
                if byte == ASCII.lineFeed || (byte == ASCII.carriageReturn && peek != ASCII.lineFeed) {
                    newLine(startingAt: offset)
                }
            }
            throw error("unterminated block comment, expected '*/'", at: start)
        } else {
            throw error("expected '//' or '/*' to start a comment, found \(describe(at: start + 1))", at: start + 1)
        }
    }
}
