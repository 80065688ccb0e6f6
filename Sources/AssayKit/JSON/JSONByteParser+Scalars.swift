/// Byte constants the parser compares against.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let singleQuote: UInt8 = 0x27
    static let star: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let upperE: UInt8 = 0x45
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let lowerB: UInt8 = 0x62
    static let lowerE: UInt8 = 0x65
    static let lowerF: UInt8 = 0x66
    static let lowerN: UInt8 = 0x6E
    static let lowerR: UInt8 = 0x72
    static let lowerT: UInt8 = 0x74
    static let lowerU: UInt8 = 0x75
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D

    static func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= zero && byte <= nine
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= zero && byte <= nine)
            || byte == 0x5F
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case zero...nine: UInt32(byte - zero)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }
}

extension JSONByteParser {
    // MARK: Strings

    /// Parses a string starting at the opening quote; escapes are decoded.
    mutating func parseString() throws(Diagnostic) -> String {
        let start = offset
        offset += 1
        var segmentStart = offset
        var buffer: [UInt8] = []
        var escaped = false
        var nonASCII = false
        while true {
            // Eight plain bytes at a time; otherwise straight to the first byte that needs a look.
            if offset &+ 8 <= bytes.count {
                let word = UInt64(
                    littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
                let attention = Self.stringAttention(word)
                if attention == 0 {
                    offset &+= 8
                    continue
                }
                offset &+= attention.trailingZeroBitCount &>> 3
            }
            guard offset < bytes.count else {
                throw error("unterminated string, expected '\"' before end of input", at: start)
            }
            let byte = bytes[offset]
            if byte == ASCII.quote {
                let segment = UnsafeBufferPointer(rebasing: bytes[segmentStart..<offset])
                offset += 1
                lastStringIsPlainASCII = !escaped && !nonASCII
                if escaped {
                    buffer.append(contentsOf: segment)
                    return try makeString(buffer, checked: nonASCII, start: start)
                }
                let length = segment.count
                if !nonASCII, length > 0, length <= ShortStringCache.maxLength,
                    segmentStart + ShortStringCache.maxLength <= bytes.count
                {
                    return shortStrings.string(at: bytes.baseAddress! + segmentStart, count: length)
                }
                return try makeString(segment, checked: nonASCII, start: start)
            }
            if byte == ASCII.backslash {
                if !escaped {
                    escaped = true
                    buffer.reserveCapacity(offset - segmentStart + 16)
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<offset]))
                try parseEscape(into: &buffer, stringStart: start)
                segmentStart = offset
                continue
            }
            if byte < 0x20 {
                if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                    throw error("unterminated string, expected '\"' before the end of the line", at: start)
                }
                throw error("control character \(describe(at: offset)) must be escaped in a string", at: offset)
            }
            if byte >= 0x80 {
                nonASCII = true
                sawNonASCII(at: offset)
            }
            offset += 1
        }
    }

    /// The high bit of each byte of `word` (bytes in memory order, lowest first) that is a quote, a
    /// backslash, a control character or not ASCII. Borrows can flag bytes above a flagged one, never
    /// below, so the lowest flag is exact.
    static func stringAttention(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(ASCII.quote))
        let backslashes = word ^ (ones &* UInt64(ASCII.backslash))
        let isQuote = (quotes &- ones) & ~quotes
        let isBackslash = (backslashes &- ones) & ~backslashes
        let isControl = (word &- ones &* 0x20) & ~word
        return (isQuote | isBackslash | isControl | word) & highs
    }

    private func makeString(
        _ utf8: some Collection<UInt8>, checked: Bool, start: Int
    ) throws(Diagnostic) -> String {
        guard checked, validateUTF8 else { return String(decoding: utf8, as: UTF8.self) }
        guard let text = String(validating: utf8, as: UTF8.self) else {
            throw error("invalid UTF-8 in string", at: start)
        }
        return text
    }

    /// Decodes one escape sequence starting at the backslash, appending its UTF-8 bytes.
    private mutating func parseEscape(into buffer: inout [UInt8], stringStart: Int) throws(Diagnostic) {
        let escapeStart = offset
        guard offset + 1 < bytes.count else {
            throw error("unterminated string, expected '\"' before end of input", at: stringStart)
        }
        let code = bytes[offset + 1]
        offset += 2
        switch code {
        case ASCII.quote, ASCII.backslash, ASCII.slash: buffer.append(code)
        case ASCII.lowerB: buffer.append(0x08)
        case ASCII.lowerF: buffer.append(0x0C)
        case ASCII.lowerN: buffer.append(ASCII.lineFeed)
        case ASCII.lowerR: buffer.append(ASCII.carriageReturn)
        case ASCII.lowerT: buffer.append(ASCII.tab)
        case ASCII.lowerU:
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                let high = scalar
                let hasLow =
                    offset + 1 < bytes.count && bytes[offset] == ASCII.backslash
                    && bytes[offset + 1] == ASCII.lowerU
                guard hasLow else { throw loneSurrogate(high, at: escapeStart) }
                offset += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw loneSurrogate(high, at: escapeStart) }
                scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error(
                    "lone low surrogate '\\u\(hex4(scalar))' in string, expected a high surrogate before it",
                    at: escapeStart)
            }
            appendUTF8(scalar, to: &buffer)
        default:
            throw error(
                "invalid escape '\\\(describeEscape(code))' in string, "
                    + "expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX",
                at: escapeStart)
        }
    }

    private func describeEscape(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? String(UnicodeScalar(byte)) : "U+\(hex4(UInt32(byte)))"
    }

    private func loneSurrogate(_ high: UInt32, at start: Int) -> Diagnostic {
        error(
            "lone surrogate '\\u\(hex4(high))' in string, expected a low surrogate '\\uDC00'...'\\uDFFF' after it",
            at: start)
    }

    private mutating func parseHex4() throws(Diagnostic) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count, let digit = ASCII.hexValue(bytes[offset]) else {
                throw error("expected 4 hex digits after '\\u', found \(describe(at: offset))", at: offset)
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            buffer.append(UInt8(scalar))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | scalar >> 6))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | scalar >> 12))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        default:
            buffer.append(UInt8(0xF0 | scalar >> 18))
            buffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: Numbers

    /// Parses an RFC 8259 number, keeping its literal text.
    mutating func parseNumber() throws(Diagnostic) -> JSONNumber {
        let start = offset
        if peek == ASCII.minus {
            offset += 1
            guard ASCII.isDigit(peek) else {
                throw error("expected a digit after '-', found \(describe(at: offset))", at: offset)
            }
        }
        if peek == ASCII.zero {
            offset += 1
            if ASCII.isDigit(peek) {
                throw error("leading zeros are not allowed in numbers", at: offset - 1)
            }
        } else {
            while ASCII.isDigit(peek) { offset += 1 }
        }
        if peek == ASCII.dot {
            offset += 1
            guard ASCII.isDigit(peek) else {
                throw error("expected a digit after '.', found \(describe(at: offset))", at: offset)
            }
            while ASCII.isDigit(peek) { offset += 1 }
        }
        if peek == ASCII.lowerE || peek == ASCII.upperE {
            offset += 1
            if peek == ASCII.plus || peek == ASCII.minus { offset += 1 }
            guard ASCII.isDigit(peek) else {
                throw error("expected a digit in the exponent, found \(describe(at: offset))", at: offset)
            }
            while ASCII.isDigit(peek) { offset += 1 }
        }
        return JSONNumber(text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self))
    }

    // MARK: Locations and messages

    /// The location of a node, or `unlocated` when the builder does not keep locations.
    mutating func nodeLocation(_ target: Int) -> SourceLocation {
        guard Builder.needsLocations else { return unlocated }
        if target <= lineNonASCII { return SourceLocation(fileID: fileID, line: line, column: target - lineStart + 1) }
        guard target >= cachedOffset else { return location(at: target) }
        var column = cachedColumn
        for index in cachedOffset..<target where bytes[index] & 0xC0 != 0x80 { column += 1 }
        cachedOffset = target
        cachedColumn = column
        return SourceLocation(fileID: fileID, line: line, column: column)
    }

    /// The `line:column` of a byte offset; columns count Unicode scalars from 1.
    func location(at target: Int) -> SourceLocation {
        var currentLine = line
        var begin = lineStart
        if target < lineStart {
            // Only error paths look back across lines, so a rescan from the top is fine.
            currentLine = 1
            begin = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
            var index = begin
            while index < target {
                let byte = bytes[index]
                index += 1
                let breaks =
                    byte == ASCII.lineFeed
                    || (byte == ASCII.carriageReturn && (index >= bytes.count || bytes[index] != ASCII.lineFeed))
                if breaks {
                    currentLine += 1
                    begin = index
                }
            }
        }
        var column = 1
        let end = min(target, bytes.count)
        if begin < end {
            for index in begin..<end where bytes[index] & 0xC0 != 0x80 { column += 1 }
        }
        guard Builder.needsLocations else { return SourceLocation(file: file, line: currentLine, column: column) }
        return SourceLocation(fileID: fileID, line: currentLine, column: column)
    }

    func error(_ message: String, at target: Int) -> Diagnostic {
        Diagnostic(message, at: location(at: target))
    }

    /// What the parser found at an offset, for "expected X, found Y" messages.
    func describe(at index: Int) -> String {
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        if byte == ASCII.lineFeed || byte == ASCII.carriageReturn { return "line break" }
        if ASCII.isWordByte(byte) {
            var end = index
            while end < bytes.count, end - index < 24, ASCII.isWordByte(bytes[end]) { end += 1 }
            return "'\(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self))'"
        }
        if byte < 0x20 || byte == 0x7F { return "U+\(hex4(UInt32(byte)))" }
        if byte < 0x80 { return "'\(String(UnicodeScalar(byte)))'" }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        let end = min(index + length, bytes.count)
        if let text = String(validating: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self) {
            return "'\(text)'"
        }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
