/// One difference between an expected and an actual value, with a one-line message such as
/// `$.error.param: expected null, got "None"`. Failures are data, not errors.
public struct Mismatch: Sendable, Hashable, CustomStringConvertible {
    /// What kind of difference it is, for reporters that group or count them.
    public enum Kind: Sendable, Hashable {
        /// The value (or its type) differs from a literal, or fails a matcher.
        case value
        /// An expected member is absent; `path` is the object, the member name is in the message.
        case missingMember(String)
        /// A member the expectation does not list, in exact mode; `path` is the member.
        case unexpectedMember
        /// An array has the wrong number of items.
        case count
        /// A text body differs from its pattern first at this 1-based line.
        case textLine(Int)
        /// More mismatches were found than are reported; the payload is how many were left out.
        case truncated(Int)
    }

    public var kind: Kind
    /// Where the difference is.
    public var path: JSONPath
    /// What was expected there, e.g. `null`, `uuid`, `3 items`.
    public var expected: String
    /// What was found there, as compact (possibly truncated) JSON, or `absent`.
    public var actual: String
    /// The full one-line message.
    public var message: String

    public init(kind: Kind, path: JSONPath, expected: String, actual: String, message: String) {
        self.kind = kind
        self.path = path
        self.expected = expected
        self.actual = actual
        self.message = message
    }

    public var description: String { message }

    static func value(at path: JSONPath, expected: String, actual: JSONValue) -> Mismatch {
        let shown = actual.abbreviated()
        return Mismatch(
            kind: .value, path: path, expected: expected, actual: shown,
            message: "\(path): expected \(expected), got \(shown)")
    }

    static func missing(_ key: String, in path: JSONPath, expected: String) -> Mismatch {
        Mismatch(
            kind: .missingMember(key), path: path, expected: expected, actual: "absent",
            message: "\(path): missing member \(JSONWriter.quote(key))")
    }

    static func unexpected(at path: JSONPath, actual: JSONValue) -> Mismatch {
        Mismatch(
            kind: .unexpectedMember, path: path, expected: "absent", actual: actual.abbreviated(),
            message: "\(path): unexpected member (strict comparison)")
    }

    static func count(at path: JSONPath, expected: Int, actual: Int) -> Mismatch {
        Mismatch(
            kind: .count, path: path, expected: "\(expected) items", actual: "\(actual) items",
            message: "\(path): expected \(expected) items, got \(actual)")
    }

    static func tooFew(at path: JSONPath, expected: Int, actual: Int) -> Mismatch {
        Mismatch(
            kind: .count, path: path, expected: "at least \(expected) items", actual: "\(actual) items",
            message: "\(path): expected at least \(expected) items, got \(actual)")
    }

    /// No item of an array matched an expected one (`"arrays": "contains"`).
    static func noItem(at path: JSONPath, matching summary: String, among count: Int) -> Mismatch {
        Mismatch(
            kind: .value, path: path, expected: "an item matching \(summary)", actual: "\(count) items",
            message: "\(path): no item matches \(summary) (\(count) items, each used at most once)")
    }

    static func truncated(_ omitted: Int) -> Mismatch {
        Mismatch(
            kind: .truncated(omitted), path: .root, expected: "", actual: "",
            message: "… and \(omitted) more mismatch\(omitted == 1 ? "" : "es")")
    }
}
