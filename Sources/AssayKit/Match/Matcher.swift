import Foundation

/// A dynamic expectation written inside an expected JSON value as `"{{name}}"` or
/// `"{{name:argument}}"`, for values that change on every response (ids, timestamps).
public struct Matcher: Sendable {
    /// What the matcher accepts.
    public enum Kind: Sendable {
        /// Present, with any value.
        case any
        /// May be absent, with any value.
        case ignore
        case string, number, integer, boolean, null
        /// A string or `null`: the OpenAI envelope's `param` and `code`.
        case stringOrNull
        /// A string `8-4-4-4-12` hex digits, any version, either case.
        case uuid
        /// A string of hex digits, exactly `length` of them when given.
        case hex(length: Int?)
        /// An RFC 3339 date-time string.
        case iso8601
        /// An integer number of seconds between 2000-01-01 and 2100-01-01.
        case unixTime
        /// A string the pattern matches as a whole.
        case regex(CompiledRegex)
        /// One of the listed values, compared as JSON.
        case oneOf([JSONValue])
    }

    public let kind: Kind
    /// The text between the braces, e.g. `hex:32`; written back when a golden is re-recorded.
    public let source: String

    /// Every matcher name, for help text and suggestions.
    public static let names = [
        "any", "ignore", "string", "string-or-null", "number", "integer", "boolean", "null", "uuid", "hex", "iso8601",
        "unix-time",
        "regex", "one-of",
    ]

    /// Earliest and latest accepted `unix-time` values: 2000-01-01 and 2100-01-01 UTC.
    public static let unixTimeRange = 946_684_800...4_102_444_800

    /// The matcher as written in a suite: `{{hex:32}}`.
    public var literal: String { "{{" + source + "}}" }

    public init(kind: Kind, source: String) {
        self.kind = kind
        self.source = source
    }

    /// Whether `value` satisfies the matcher.
    public func matches(_ value: JSONValue) -> Bool {
        switch kind {
        case .any, .ignore: return true
        case .string: return value.stringValue != nil
        case .stringOrNull: return value.stringValue != nil || value == .null
        case .number:
            if case .number = value { return true }
            return false
        case .integer:
            if case .number(let number) = value { return Self.isInteger(number) }
            return false
        case .boolean:
            if case .bool = value { return true }
            return false
        case .null: return value == .null
        case .uuid: return value.stringValue.map(Self.isUUID) ?? false
        case .hex(let length):
            guard let text = value.stringValue, !text.isEmpty else { return false }
            return (length == nil || text.utf8.count == length) && text.allUTF8Bytes(Self.isHexDigit)
        case .iso8601: return value.stringValue.map(RFC3339.isDateTime) ?? false
        case .unixTime:
            guard case .number(let number) = value, Self.isInteger(number), let seconds = number.integer else {
                return false
            }
            return Self.unixTimeRange.contains(seconds)
        case .regex(let expression):
            guard let text = value.stringValue else { return false }
            return expression.found(in: text)
        case .oneOf(let options): return options.contains(value)
        }
    }

    static func isInteger(_ number: JSONNumber) -> Bool {
        if number.text.allUTF8Bytes({ (0x30...0x39).contains($0) || $0 == 0x2D }) { return true }
        let value = number.double
        return value.isFinite && value.rounded() == value
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == 0x2D else { return false }
            } else if !isHexDigit(byte) {
                return false
            }
        }
        return true
    }
}
