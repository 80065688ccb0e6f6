/// One text to find in output, in whatever encoding it went through on its way there.
///
/// A secret rarely reaches a report as typed: a query value is percent-encoded, a body quotes it
/// as a JSON string, `report.json` escapes that JSON again, annotations turn `%` into `%25`,
/// HTML and XML use entities, a shell command quotes `'`. Listing every combination of those would
/// never end, so the pattern is matched character by character, each character accepting any of
/// its encodings; the search is a set of text positions advanced one character at a time (no
/// backtracking, so no blow-up on odd secrets).
struct SecretPattern: Sendable {
    /// One character (Unicode scalar) of the text: its UTF-8 bytes and its code point.
    private struct Unit: Sendable {
        var bytes: [UInt8]
        var scalar: UInt32
        /// Whole-character encodings (`\u00e9`, `&#233;`, …), compared ignoring ASCII case.
        var escapes: [[UInt8]]
    }

    /// How many leading bytes of the text must show before a truncation mark (`…`) for the cut
    /// remains to be masked: a message cut in the middle of a secret must not show its start.
    static let shortestCutPrefix = 2

    private let units: [Unit]
    /// Bytes that may begin a match: the first character's first byte or an escape's first byte.
    private let starts: [Bool]
    /// Bytes that may come right after the first byte written as itself: the first character's
    /// second byte, else the start of any form of the second character.
    private let follows: [Bool]

    /// The first bytes of every form other than a byte as itself: `%41`, `+`, `\"`, `\u0041`,
    /// `&amp;`, `'\''`.
    private static let encodingStarts = Array("%+\\&'".utf8)

    /// The pattern matching `text` in any encoding; nil for empty text.
    init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        units = text.unicodeScalars.map { scalar in
            Unit(bytes: Array(String(scalar).utf8), scalar: scalar.value, escapes: Self.escapes(of: scalar.value))
        }
        starts = Self.table(marking: [units[0].bytes[0]] + Self.encodingStarts)
        if units[0].bytes.count > 1 {
            // A byte inside a character is written as itself or percent-encoded.
            follows = Self.table(marking: [units[0].bytes[1], UInt8(ascii: "%")])
        } else if units.count > 1 {
            follows = Self.table(marking: [units[1].bytes[0]] + Self.encodingStarts)
        } else {
            follows = [Bool](repeating: true, count: 256)
        }
    }

    private static func table(marking bytes: [UInt8]) -> [Bool] {
        var table = [Bool](repeating: false, count: 256)
        for byte in bytes { table[Int(byte)] = true }
        return table
    }

    /// Whether a match may begin at `position`: a cheap filter run on every byte of the output,
    /// so that `match` (which keeps sets of positions) runs only where the first two bytes fit.
    /// Ordinary text holds the secret's first letter often, and its first two letters rarely.
    func mayStart(at position: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let byte = text[position]
        guard starts[Int(byte)] else { return false }
        // A byte that may begin an encoded form is left to `match`.
        if Self.encodingStarts.contains(byte) { return true }
        // Else the first byte is written as itself, and the next must fit too; a cut right after
        // one byte is too short to mask (`shortestCutPrefix`).
        return position + 1 < text.count && follows[Int(text[position + 1])]
    }

    /// The end of the longest match starting at `start`, if any; a match cut by `…` (or by the end
    /// of a text that `endIsCut`) after at least `shortestCutPrefix` bytes ends at the cut.
    func match(_ text: UnsafeBufferPointer<UInt8>, at start: Int, endIsCut: Bool = false) -> Int? {
        var positions: [Int] = [start]
        var matchedBytes = 0
        for unit in units {
            var next: [Int] = []
            for position in positions { advance(unit, in: text, from: position, into: &next) }
            if next.isEmpty {
                guard matchedBytes >= Self.shortestCutPrefix else { return nil }
                return positions.filter { Self.isCutMark(text, at: $0) || (endIsCut && $0 == text.count) }.max()
            }
            positions = next
            matchedBytes += unit.bytes.count
        }
        return positions.max()
    }

    /// `…` (U+2026), which every abbreviation in Assay's messages ends with.
    private static func isCutMark(_ text: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        position + 2 < text.count && text[position] == 0xE2 && text[position + 1] == 0x80
            && text[position + 2] == 0xA6
    }

    /// Adds every position where one encoding of `unit` starting at `position` ends.
    private func advance(_ unit: Unit, in text: UnsafeBufferPointer<UInt8>, from position: Int, into ends: inout [Int])
    {
        // Byte by byte: each byte literal or percent-encoded, so mixed encodings match too.
        var reached = [position]
        for byte in unit.bytes {
            var after: [Int] = []
            for at in reached {
                for form in Self.byteForms(byte) {
                    if let end = Self.compare(form, text, at: at, ignoringCase: form.count > 1) {
                        Self.insert(end, into: &after)
                    }
                }
            }
            reached = after
            if reached.isEmpty { break }
        }
        for end in reached { Self.insert(end, into: &ends) }
        for escape in unit.escapes {
            if let end = Self.compare(escape, text, at: position, ignoringCase: true) { Self.insert(end, into: &ends) }
        }
    }

    private static func insert(_ value: Int, into list: inout [Int]) {
        if !list.contains(value) { list.append(value) }
    }

    /// Where `form` ends if the text holds it at `position`.
    private static func compare(
        _ form: [UInt8], _ text: UnsafeBufferPointer<UInt8>, at position: Int, ignoringCase: Bool
    )
        -> Int?
    {
        guard position + form.count <= text.count else { return nil }
        for index in form.indices {
            let expected = form[index]
            let found = text[position + index]
            if expected == found { continue }
            guard ignoringCase, lowercased(expected) == lowercased(found) else { return nil }
        }
        return position + form.count
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// The ways one byte can be written: as itself, percent-encoded (once, or again as
    /// annotations do), `+` for a space, and for ASCII punctuation the escapes of JSON,
    /// Markdown, XML/HTML and POSIX shells, once or twice.
    private static let byteFormTable: [[[UInt8]]] = (0...255).map { value in
        let byte = UInt8(value)
        var forms: [[UInt8]] = [[byte], Array("%\(hex2(byte))".utf8), Array("%25\(hex2(byte))".utf8)]
        if byte == 0x20 { forms.append(Array("+".utf8)) }
        guard byte < 0x80 else { return forms }
        let character = Character(Unicode.Scalar(byte))
        if character.isPunctuation || character.isSymbol {
            // `\"`, `\\`, `\/` (JSON), `\|`, `\*` (Markdown), `\'`, and the same escaped again (`\\\"`).
            forms.append([0x5C, byte])
            forms.append([0x5C, 0x5C, 0x5C, byte])
            forms.append([0x5C, 0x5C, byte])
        }
        let named: [UInt8: [String]] = [
            0x08: ["\\b"], 0x0C: ["\\f"], 0x0A: ["\\n"], 0x0D: ["\\r"], 0x09: ["\\t"],
            0x26: ["&amp;", "&amp;amp;"], 0x3C: ["&lt;", "&amp;lt;"], 0x3E: ["&gt;", "&amp;gt;"],
            0x22: ["&quot;", "&amp;quot;"], 0x27: ["&apos;", "'\\''", "&#39;"],
        ]
        for text in named[byte] ?? [] {
            forms.append(Array(text.utf8))
            if text.hasPrefix("\\") { forms.append(Array(("\\" + text).utf8)) }
        }
        return forms
    }

    private static func byteForms(_ byte: UInt8) -> [[UInt8]] { byteFormTable[Int(byte)] }

    /// Whole-character escapes: JSON `\uXXXX` (a surrogate pair beyond the BMP), once or twice
    /// escaped; HTML numeric references; and the `\xHH` / `\u{H}` forms terminal escaping uses.
    private static func escapes(of scalar: UInt32) -> [[UInt8]] {
        // JSON writes a scalar outside the BMP as a UTF-16 surrogate pair.
        let utf16: [UInt32]
        if scalar < 0x10000 {
            utf16 = [scalar]
        } else {
            let offset = scalar - 0x10000
            utf16 = [0xD800 + (offset >> 10), 0xDC00 + (offset & 0x3FF)]
        }
        let json = utf16.map { "\\u" + hex4($0) }.joined()
        // The same escape inside a JSON string again (`report.json` quoting a JSON body): `\\u…`.
        let jsonInJSON = utf16.map { "\\\\u" + hex4($0) }.joined()
        var forms = [json, jsonInJSON, "&#\(scalar);"]
        forms.append("&#x" + String(scalar, radix: 16) + ";")
        forms.append("\\u{" + String(scalar, radix: 16) + "}")
        if scalar < 0x100 { forms.append("\\x" + hex2(UInt8(scalar))) }
        return forms.map { Array($0.utf8) }
    }

    private static func hex2(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0" + digits : digits
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
