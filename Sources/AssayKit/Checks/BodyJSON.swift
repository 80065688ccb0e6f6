import Foundation

/// A response body read as JSON, in the encoding it came in. JSON on the wire is UTF-8 (RFC 8259
/// §8.1), but a target may send UTF-16 or UTF-32 and say so, with a `charset` parameter or a byte
/// order mark; such a body is decoded first, so its checks judge its content rather than stop at
/// "found byte 0xFF". A charset Assay cannot decode is named in the diagnostic.
enum BodyJSON {
    /// The body's JSON value; the error says what is wrong, naming the charset when it is not UTF-8.
    static func parse(_ response: HTTPResponse) throws(Diagnostic) -> JSONValue {
        let body = response.body
        let encoding = try Self.encoding(of: body, contentType: response.headers.first("Content-Type"))
        guard encoding.kind != .utf8 || encoding.bomLength > 0 else { return try JSONParser.parseValue(body) }
        let payload = body.dropFirst(encoding.bomLength)
        if encoding.kind == .utf8 { return try JSONParser.parseValue(Data(payload)) }
        guard let text = String(data: Data(payload), encoding: encoding.kind.foundation) else {
            throw Diagnostic("the body is not valid \(encoding.kind.name) (\(encoding.source))")
        }
        do throws(Diagnostic) {
            return try JSONParser.parseValue(text)
        } catch {
            throw Diagnostic("\(error.message) (the body decoded as \(encoding.kind.name), \(encoding.source))")
        }
    }

    /// The Unicode encodings JSON may come in (RFC 8259 §8.1 names UTF-8; RFC 4627 allowed the others).
    enum Kind: Equatable {
        case utf8, utf16BE, utf16LE, utf32BE, utf32LE, latin1

        var name: String {
            switch self {
            case .utf8: "UTF-8"
            case .utf16BE: "UTF-16BE"
            case .utf16LE: "UTF-16LE"
            case .utf32BE: "UTF-32BE"
            case .utf32LE: "UTF-32LE"
            case .latin1: "ISO-8859-1"
            }
        }

        var foundation: String.Encoding {
            switch self {
            case .utf8: .utf8
            case .utf16BE: .utf16BigEndian
            case .utf16LE: .utf16LittleEndian
            case .utf32BE: .utf32BigEndian
            case .utf32LE: .utf32LittleEndian
            case .latin1: .isoLatin1
            }
        }
    }

    /// How a body is encoded, how long its byte order mark is, and what said so (for messages).
    struct Encoding: Equatable {
        var kind: Kind
        var bomLength: Int
        var source: String
    }

    /// The body's encoding: a byte order mark wins (it is in the bytes themselves), then the
    /// declared charset, then the pattern of zero bytes an ASCII first character leaves in UTF-16
    /// and UTF-32 (RFC 4627 §3); else UTF-8.
    static func encoding(of body: Data, contentType: String?) throws(Diagnostic) -> Encoding {
        // The first four bytes, -1 past the end of a shorter body; read in one access to the body.
        let b = body.withUnsafeBytes { bytes in (0..<4).map { $0 < bytes.count ? Int(bytes[$0]) : -1 } }
        let mark = "byte order mark"
        if b[0] == 0x00 && b[1] == 0x00 && b[2] == 0xFE && b[3] == 0xFF {
            return Encoding(kind: .utf32BE, bomLength: 4, source: mark)
        }
        if b[0] == 0xFF && b[1] == 0xFE && b[2] == 0x00 && b[3] == 0x00 {
            return Encoding(kind: .utf32LE, bomLength: 4, source: mark)
        }
        if b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { return Encoding(kind: .utf8, bomLength: 3, source: mark) }
        if b[0] == 0xFE && b[1] == 0xFF { return Encoding(kind: .utf16BE, bomLength: 2, source: mark) }
        if b[0] == 0xFF && b[1] == 0xFE { return Encoding(kind: .utf16LE, bomLength: 2, source: mark) }
        // Most types carry no parameter: only then is the value split.
        if let contentType, contentType.containsBytes(";"), let charset = Self.charset(in: contentType) {
            let source = "charset=\(charset)"
            switch charset.lowercased() {
            case "utf-8", "utf8": return Encoding(kind: .utf8, bomLength: 0, source: source)
            // Without a byte order mark, UTF-16 and UTF-32 are big-endian (RFC 2781 §4.3).
            case "utf-16", "utf-16be": return Encoding(kind: .utf16BE, bomLength: 0, source: source)
            case "utf-16le": return Encoding(kind: .utf16LE, bomLength: 0, source: source)
            case "utf-32", "utf-32be": return Encoding(kind: .utf32BE, bomLength: 0, source: source)
            case "utf-32le": return Encoding(kind: .utf32LE, bomLength: 0, source: source)
            // ASCII is UTF-8; Latin-1 decodes any byte.
            case "us-ascii", "ascii": return Encoding(kind: .utf8, bomLength: 0, source: source)
            case "iso-8859-1", "latin1", "iso_8859-1": return Encoding(kind: .latin1, bomLength: 0, source: source)
            default:
                throw Diagnostic(
                    "the body declares \(source), which Assay cannot decode as JSON (JSON is UTF-8, RFC 8259 §8.1; UTF-16, UTF-32 and ISO-8859-1 are decoded too)"
                )
            }
        }
        guard b[3] >= 0 else { return Encoding(kind: .utf8, bomLength: 0, source: "") }
        func zero(_ index: Int) -> Bool { b[index] == 0 }
        let source = "told by its zero bytes"
        if zero(0) && zero(1) && zero(2) && !zero(3) { return Encoding(kind: .utf32BE, bomLength: 0, source: source) }
        if !zero(0) && zero(1) && zero(2) && zero(3) { return Encoding(kind: .utf32LE, bomLength: 0, source: source) }
        if zero(0) && !zero(1) && zero(2) && !zero(3) { return Encoding(kind: .utf16BE, bomLength: 0, source: source) }
        if !zero(0) && zero(1) && !zero(2) && zero(3) { return Encoding(kind: .utf16LE, bomLength: 0, source: source) }
        return Encoding(kind: .utf8, bomLength: 0, source: "")
    }

    /// The `charset` parameter of a `Content-Type` value, unquoted; nil when there is none.
    static func charset(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            return value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"")
                ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }
}
