import Foundation

/// What an assertion requires of the value its query found (`== 3`, `startsWith "app"`,
/// `count > 0`, `includes {"id": "{{uuid}}"}`). The value is nil when the query found nothing.
public indirect enum QueryPredicate: Sendable {
    /// Equal as JSON (numbers by value, objects in any key order), matchers allowed.
    case equals(QueryOperand)
    case notEquals(QueryOperand)
    /// `<`, `<=`, `>`, `>=` between two numbers or two strings; a string that reads as a number
    /// compares as one against a number (a header such as `Content-Length`).
    case order(ComparisonOperator, JSONValue)
    /// A string holds the text, or an array holds an element equal to the value.
    case contains(QueryOperand, text: String?)
    case startsWith(String)
    case endsWith(String)
    /// The regular expression matches somewhere in the string (anchor it with `^…$` for a whole match).
    case matches(CompiledRegex)
    /// The number of items (array), members (object) or characters (string), judged by the inner predicate.
    case count(QueryPredicate)
    case exists(Bool)
    case isEmpty(Bool)
    /// An array holds at least one element that matches the value as a subset (extra members allowed).
    case includes(QueryOperand)
    /// The inner predicate must not hold.
    case not(QueryPredicate)

    /// The predicate's spelling in a suite, for messages: `== 3`, `count > 0`.
    public var description: String {
        switch self {
        case .equals(let expected): "== \(expected)"
        case .notEquals(let expected): "!= \(expected)"
        case .order(let op, let value): "\(op.rawValue) \(value.abbreviated())"
        case .contains(let expected, _): "contains \(expected)"
        case .startsWith(let text): "startsWith \(JSONWriter.quote(text))"
        case .endsWith(let text): "endsWith \(JSONWriter.quote(text))"
        case .matches(let regex): "matches /\(regex.pattern)/"
        case .count(let inner): "count \(inner.description)"
        case .exists(let wanted): wanted ? "exists" : "not exists"
        case .isEmpty(let wanted): wanted ? "isEmpty" : "not isEmpty"
        case .includes(let expected): "includes \(expected)"
        case .not(let inner): "not \(inner.description)"
        }
    }

    /// Whether `value` (nil: nothing found) satisfies the predicate. As in Hurl, nothing found
    /// satisfies no predicate but `exists: false` (so neither `==` nor `!=`), and `not` negates a
    /// predicate only where it applies: a value of a type the predicate does not take (`contains`
    /// on a number, `count` on a boolean) fails with and without `not`.
    public func holds(for value: JSONValue?) -> Bool {
        switch self {
        case .exists(let wanted): return (value != nil) == wanted
        case .not(let inner):
            if let value, inner.mismatch(for: value) != nil { return false }
            return !inner.holds(for: value)
        default: break
        }
        guard let value else { return false }
        switch self {
        case .equals(let expected): return Self.equal(expected, value)
        case .order(let op, let bound): return op.compare(Self.comparable(value, against: bound), bound)
        case .contains(let expected, let text):
            switch value {
            case .string(let string): return text.map { string.contains($0) } ?? false
            case .array(let items): return items.contains { Self.equal(expected, $0) }
            default: return false
            }
        case .startsWith(let prefix):
            guard case .string(let string) = value else { return false }
            return string.unicodeScalars.starts(with: prefix.unicodeScalars)
        case .endsWith(let suffix):
            guard case .string(let string) = value else { return false }
            return string.unicodeScalars.reversed().starts(with: suffix.unicodeScalars.reversed())
        case .matches(let regex):
            guard case .string(let string) = value else { return false }
            return regex.found(in: string)
        case .count(let inner):
            guard let size = Self.size(of: value) else { return false }
            return inner.holds(for: .number(JSONNumber(size)))
        case .isEmpty(let wanted):
            guard let size = Self.size(of: value) else { return false }
            return (size == 0) == wanted
        case .includes(let expected):
            guard case .array(let items) = value else { return false }
            return items.contains {
                JSONComparator.compare(expected: expected.expectation, actual: $0, mode: .subset, limit: 1).isEmpty
            }
        case .notEquals(let expected): return !Self.equal(expected, value)
        case .exists, .not: return false
        }
    }

    /// Why the predicate does not apply to a value of this type (`contains needs a string or an
    /// array`), or nil when it does. `==`, `!=` and `exists` apply to every value.
    public func mismatch(for value: JSONValue) -> String? {
        switch self {
        case .equals, .notEquals, .exists: return nil
        case .not(let inner): return inner.mismatch(for: value)
        case .order(let op, let bound):
            switch (Self.comparable(value, against: bound), bound) {
            case (.number, .number), (.string, .string): return nil
            case (_, .number): return "\(op.rawValue) \(bound.abbreviated()) needs a number"
            default: return "\(op.rawValue) \(bound.abbreviated()) needs a string"
            }
        case .contains(_, let text):
            switch value {
            case .array: return nil
            case .string where text != nil: return nil
            default:
                return text == nil ? "contains with this operand needs an array" : "contains needs a string or an array"
            }
        case .startsWith, .endsWith, .matches:
            if case .string = value { return nil }
            return "\(keyword) needs a string"
        case .count, .isEmpty:
            return Self.size(of: value) == nil ? "\(keyword) needs an array, an object or a string" : nil
        case .includes:
            if case .array = value { return nil }
            return "includes needs an array"
        }
    }

    /// The predicate without its `not`.
    var positive: QueryPredicate {
        if case .not(let inner) = self { return inner }
        return self
    }

    /// The predicate's key in a suite (`startsWith`, `count`), for messages.
    var keyword: String {
        switch self {
        case .equals: "=="
        case .notEquals: "!="
        case .order(let op, _): op.rawValue
        case .contains: "contains"
        case .startsWith: "startsWith"
        case .endsWith: "endsWith"
        case .matches: "matches"
        case .count: "count"
        case .exists: "exists"
        case .isEmpty: "isEmpty"
        case .includes: "includes"
        case .not(let inner): inner.keyword
        }
    }

    /// Items, members or characters; nil for a scalar that has no size.
    static func size(of value: JSONValue) -> Int? {
        switch value {
        case .array(let items): items.count
        case .object(let object): object.count
        case .string(let text): text.unicodeScalars.count
        default: nil
        }
    }

    private static func equal(_ expected: QueryOperand, _ actual: JSONValue) -> Bool {
        JSONComparator.compare(expected: expected.expectation, actual: actual, mode: .exact, limit: 1).isEmpty
    }

    /// A string that reads as a JSON number, when it is compared with a number.
    private static func comparable(_ value: JSONValue, against bound: JSONValue) -> JSONValue {
        guard case .number = bound, case .string(let text) = value else { return value }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ "0123456789.-+eE".unicodeScalars.contains($0) }),
            Double(trimmed) != nil
        else { return value }
        return .number(JSONNumber(text: trimmed))
    }
}

/// A predicate's JSON operand: its matchers parsed once, and the value as written for messages.
public struct QueryOperand: Sendable, CustomStringConvertible {
    public var expectation: Expectation
    public var written: JSONValue

    public init(_ expectation: Expectation, written: JSONValue) {
        self.expectation = expectation
        self.written = written
    }

    public var description: String { written.abbreviated() }
}
