/// Checks on a YAML file's bytes made once, before parsing: valid UTF-8, no control characters,
/// and line breaks reduced to `\n` so the reader deals with a single kind.
enum YAMLText {
    /// Rejects invalid UTF-8 and control characters other than tab and line breaks, at their line
    /// and column.
    static func checkCharacters(_ bytes: [UInt8], fileID: UInt32) throws(Diagnostic) {
        var index = 0
        var line = 1
        var column = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                    throw Diagnostic(
                        "control character U+\(String(byte, radix: 16, uppercase: true)) is not allowed in YAML",
                        at: SourceLocation(fileID: fileID, line: line, column: column))
                }
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            guard length > 0 else {
                throw Diagnostic(
                    "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true))",
                    at: SourceLocation(fileID: fileID, line: line, column: column),
                    hint: "YAML files must be UTF-8")
            }
            index += length
            column += 1
        }
    }

    /// The length of the well-formed UTF-8 sequence starting at `index`, or 0.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        let minimum: UInt32
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return 0 }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return 0 }
        return length
    }

    /// Turns `\r\n` and lone `\r` into `\n`; columns are unchanged because a break ends its line.
    static func normalizeLineBreaks(_ bytes: inout [UInt8]) {
        guard bytes.contains(0x0D) else { return }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                output.append(0x0A)
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
            } else {
                output.append(byte)
            }
            index += 1
        }
        bytes = output
    }
}
