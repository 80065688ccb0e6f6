/// Checks on a YAML file's bytes made once, before parsing: valid UTF-8, no control characters,
/// and line breaks reduced to `\n` so the reader deals with a single kind.
enum YAMLText {
    /// Rejects invalid UTF-8 and control characters other than tab and line breaks, at their line
    /// and column. Returns whether the text holds a `\r`, which `normalizeLineBreaks` must remove:
    /// this pass sees every byte, so a second search for it would be waste.
    static func checkCharacters(_ bytes: [UInt8], fileID: UInt32) throws(Diagnostic) -> Bool {
        var carriageReturn = false
        guard let index = bytes.withUnsafeBufferPointer({ firstProblem($0, carriageReturn: &carriageReturn) }) else {
            return carriageReturn
        }
        // Where it is, counted only for a file that has a problem.
        var line = 1
        var column = 1
        for byte in bytes[..<index] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        let location = SourceLocation(fileID: fileID, line: line, column: column)
        let byte = bytes[index]
        if byte < 0x80 {
            throw Diagnostic(
                "control character U+\(String(byte, radix: 16, uppercase: true)) is not allowed in YAML", at: location)
        }
        throw Diagnostic(
            "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true))", at: location,
            hint: "YAML files must be UTF-8")
    }

    /// The offset of the first control character or malformed UTF-8 sequence, if any. Eight bytes
    /// at a time while they are printable ASCII or line feeds, which is nearly all of a description.
    private static func firstProblem(_ bytes: UnsafeBufferPointer<UInt8>, carriageReturn: inout Bool) -> Int? {
        var index = 0
        let count = bytes.count
        let high: UInt64 = 0x8080_8080_8080_8080
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while index < count {
            if index + 8 <= count {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                // Bit 7 of each byte: set below 0x20 (adding 0x60 reaches 0x80 exactly from 0x20 up,
                // without carrying into the next byte while the high bits are clear) …
                let control = ~(word &+ 0x6060_6060_6060_6060) & high
                // … and set for a line feed (a zero byte once 0x0A is flipped out; exact per byte).
                let flipped = word ^ 0x0A0A_0A0A_0A0A_0A0A
                let lineFeed = ~(((flipped & low) &+ low) | flipped | low)
                if word & high == 0 && control & ~lineFeed == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0D { carriageReturn = true }
                if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return index }
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            guard length > 0 else { return index }
            index += length
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence starting at `index`, or 0.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
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
