import Foundation

/// The `format`s the validator checks; any other format is accepted as the specification allows.
enum OpenAPIFormats {
    static func accepts(_ text: String, format: String) -> Bool {
        switch format {
        case "date-time": RFC3339.isDateTime(text)
        case "date": RFC3339.isDateTime(text + "T00:00:00Z")
        case "uuid": Matcher.isUUID(text)
        case "email": isEmail(text)
        case "uri": isURI(text)
        default: true
        }
    }

    static func accepts(_ number: JSONNumber, format: String) -> Bool {
        switch format {
        case "int32": number.integer.map { Int64($0) >= Int64(Int32.min) && Int64($0) <= Int64(Int32.max) } ?? false
        case "int64": number.integer != nil || Int64(number.text) != nil
        default: true
        }
    }

    /// A local part and a dotted domain around one `@`, without spaces (RFC 5321 in outline).
    private static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return !text.contains { $0.isWhitespace }
    }

    /// An absolute URI: a scheme (a letter, then letters, digits, `+`, `-`, `.`), a colon, and no spaces.
    private static func isURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        guard scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else {
            return false
        }
        return !text.contains { $0.isWhitespace } && text.index(after: colon) != text.endIndex
    }
}

/// Compiled `pattern`s, each compiled once per process (a spec repeats the same few).
final class OpenAPIPatternCache: @unchecked Sendable {
    // @unchecked: `compiled` is guarded by `lock`; NSRegularExpression is immutable and thread-safe.
    static let shared = OpenAPIPatternCache()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    /// The expression for an ECMA-262-style pattern (unanchored, as JSON Schema says), or nil when invalid.
    func regex(_ source: String) -> NSRegularExpression? {
        if let known = lock.withLock({ compiled[source] }) { return known }
        let regex = try? NSRegularExpression(pattern: source)
        lock.withLock { compiled[source] = regex }
        return regex
    }
}
