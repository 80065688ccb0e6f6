/// Single- and double-quoted scalars, which may span lines: a line break folds to a space, each
/// blank line to a newline, and the blanks around a break are dropped.
extension YAMLReader {
    /// The text of the quoted scalar at the current character.
    mutating func parseQuoted() throws(Diagnostic) -> String {
        let double = byte == UInt8(ascii: "\"")
        let quote = byte
        let start = location
        position += 1
        // Most quoted scalars are one line without escapes: take them as they are.
        var scan = position
        while scan < bytes.count {
            let current = bytes[scan]
            if current == quote {
                if !double && scan + 1 < bytes.count && bytes[scan + 1] == quote { break }
                let value = text(position..<scan)
                position = scan + 1
                return value
            }
            if current == 0x0A || (double && current == UInt8(ascii: "\\")) { break }
            scan += 1
        }
        var output: [UInt8] = []
        // Blanks written literally at the end of a line are dropped when it folds; escaped ones stay.
        var kept = 0
        while true {
            guard !atEnd else {
                throw Diagnostic("unterminated \(double ? "double" : "single")-quoted string", at: start)
            }
            let current = byte
            if current == quote {
                if !double && byte(at: 1) == quote {
                    output.append(quote)
                    position += 2
                    kept = output.count
                    continue
                }
                position += 1
                break
            }
            if double && current == UInt8(ascii: "\\") {
                if byte(at: 1) == 0x0A {
                    // An escaped line break joins the lines with nothing between them.
                    position += 1
                    newLine()
                    skipBlanks()
                    continue
                }
                try appendEscape(to: &output)
                kept = output.count
                continue
            }
            if current == 0x0A {
                output.removeSubrange(kept...)
                var breaks = 0
                while byte == 0x0A {
                    newLine()
                    breaks += 1
                    skipBlanks()
                }
                if breaks == 1 {
                    output.append(0x20)
                } else {
                    output.append(contentsOf: repeatElement(0x0A, count: breaks - 1))
                }
                kept = output.count
                continue
            }
            output.append(current)
            position += 1
            if !Self.isBlank(current) { kept = output.count }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// One `\` escape of a double-quoted scalar, as UTF-8.
    private mutating func appendEscape(to output: inout [UInt8]) throws(Diagnostic) {
        let escapeLocation = location
        let code = byte(at: 1)
        position += 2
        let scalar: UInt32
        switch code {
        case UInt8(ascii: "0"): scalar = 0
        case UInt8(ascii: "a"): scalar = 7
        case UInt8(ascii: "b"): scalar = 8
        case UInt8(ascii: "t"), 0x09: scalar = 9
        case UInt8(ascii: "n"): scalar = 10
        case UInt8(ascii: "v"): scalar = 11
        case UInt8(ascii: "f"): scalar = 12
        case UInt8(ascii: "r"): scalar = 13
        case UInt8(ascii: "e"): scalar = 0x1B
        case UInt8(ascii: " "): scalar = 0x20
        case UInt8(ascii: "\""): scalar = 0x22
        case UInt8(ascii: "/"): scalar = 0x2F
        case UInt8(ascii: "\\"): scalar = 0x5C
        case UInt8(ascii: "N"): scalar = 0x85
        case UInt8(ascii: "_"): scalar = 0xA0
        case UInt8(ascii: "L"): scalar = 0x2028
        case UInt8(ascii: "P"): scalar = 0x2029
        case UInt8(ascii: "x"): scalar = try hexDigits(2, escapeAt: escapeLocation)
        case UInt8(ascii: "u"): scalar = try hexDigits(4, escapeAt: escapeLocation)
        case UInt8(ascii: "U"): scalar = try hexDigits(8, escapeAt: escapeLocation)
        default:
            throw Diagnostic(
                "unknown escape `\\\(code == 0 ? "" : String(UnicodeScalar(code)))` in a double-quoted string",
                at: escapeLocation, hint: "write `\\\\` for a backslash")
        }
        guard let unicode = Unicode.Scalar(scalar) else {
            throw Diagnostic(
                "escape names U+\(String(scalar, radix: 16, uppercase: true)), which is not a character",
                at: escapeLocation)
        }
        output.append(contentsOf: Array(String(Character(unicode)).utf8))
    }

    private mutating func hexDigits(_ count: Int, escapeAt location: SourceLocation) throws(Diagnostic) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw Diagnostic("expected \(count) hexadecimal digits in this escape", at: location)
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
