/// The shape a trace id must have. Pure: text in, a reason out.
public enum TraceFormat: Sendable, Hashable, CustomStringConvertible {
    /// Exactly 32 hex digits, either case (nginx `$request_id`, `uuid4().hex`).
    case hex32
    /// A UUID written `8-4-4-4-12` hex digits, any version, either case.
    case uuid
    /// A W3C `traceparent` value: lowercase hex, non-zero trace and parent ids, version not `ff`.
    case traceparent
    /// A whole-value regular expression.
    case regex(String)

    /// Parses `hex32`, `uuid`, `traceparent` or `regex:PATTERN`; nil for anything else.
    public init?(parsing text: String) {
        switch text {
        case "hex32": self = .hex32
        case "uuid": self = .uuid
        case "traceparent": self = .traceparent
        default:
            guard text.hasPrefix("regex:"), text.count > "regex:".count else { return nil }
            self = .regex(String(text.dropFirst("regex:".count)))
        }
    }

    /// The names a user may write, for messages and suggestions.
    public static let names = ["hex32", "uuid", "traceparent", "regex:…"]

    /// The name as written in suites.
    public var description: String {
        switch self {
        case .hex32: "hex32"
        case .uuid: "uuid"
        case .traceparent: "traceparent"
        case .regex(let pattern): "regex:\(pattern)"
        }
    }

    /// Why `value` does not have this format, or nil when it does.
    public func violation(_ value: String) -> String? {
        switch self {
        case .hex32:
            return value.utf8.count == 32 && value.allUTF8Bytes(Self.isHex) ? nil : "expected 32 hex digits"
        case .uuid:
            return Self.isUUID(value) ? nil : "expected a UUID (8-4-4-4-12 hex digits)"
        case .traceparent:
            return Self.traceparentViolation(value)
        case .regex(let pattern):
            return RegexCheck.wholeMatch(pattern, value) ? nil : "expected to match /\(pattern)/"
        }
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
    }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }

    static func isUUID(_ value: String) -> Bool {
        let groups = value.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.utf8.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allUTF8Bytes(isHex) }
    }

    /// W3C Trace Context §3.2: `version-traceid-parentid-flags`, lowercase hex only.
    /// Version `00` is exactly 55 characters; a later version may append `-…` fields,
    /// which a version-00 parser must tolerate; version `ff` is forbidden.
    static func traceparentViolation(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        guard bytes.count >= 55 else {
            return "expected 55 characters (version-traceid-parentid-flags), got \(bytes.count)"
        }
        let fields = value.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count >= 4, fields[0].utf8.count == 2, fields[1].utf8.count == 32, fields[2].utf8.count == 16,
            fields[3].utf8.count == 2
        else { return "expected version(2)-traceid(32)-parentid(16)-flags(2)" }
        for field in fields.prefix(4) where !field.allUTF8Bytes(isLowerHex) {
            return "\"\(field)\" is not lowercase hex"
        }
        let version = String(fields[0])
        if version == "ff" { return "version ff is invalid" }
        if version == "00" && bytes.count != 55 {
            return "version 00 must be exactly 55 characters, got \(bytes.count)"
        }
        if fields[1].utf8.allSatisfy({ $0 == 0x30 }) { return "trace-id is all zeros" }
        if fields[2].utf8.allSatisfy({ $0 == 0x30 }) { return "parent-id is all zeros" }
        return nil
    }
}
