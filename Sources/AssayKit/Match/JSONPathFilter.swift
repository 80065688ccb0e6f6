/// The logical expression of a JSONPath filter selector (`?@.price < 10 && @.tags`), evaluated
/// with RFC 9535's rules: a comparison with a missing value is false except `==` between two
/// missing values, `<` orders only two numbers or two strings, and a query alone tests existence.
indirect enum FilterExpression: Sendable {
    case or([FilterExpression])
    case and([FilterExpression])
    case not(FilterExpression)
    /// A query used as a test: true when it selects at least one node.
    case exists(FilterQuery)
    /// `match(…)` or `search(…)` used as a test.
    case function(FilterFunction)
    case comparison(FilterOperand, ComparisonOperator, FilterOperand)

    func holds(current: JSONValue, root: JSONValue) -> Bool {
        switch self {
        case .or(let parts): return parts.contains { $0.holds(current: current, root: root) }
        case .and(let parts): return parts.allSatisfy { $0.holds(current: current, root: root) }
        case .not(let inner): return !inner.holds(current: current, root: root)
        case .exists(let query): return !query.select(current: current, root: root).isEmpty
        case .function(let function): return function.logical(current: current, root: root)
        case .comparison(let left, let op, let right):
            return op.compare(left.value(current: current, root: root), right.value(current: current, root: root))
        }
    }
}

/// `==`, `!=`, `<`, `<=`, `>`, `>=` between two values that may be missing (nil).
public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case less = "<"
    case greater = ">"

    func compare(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch self {
        case .equal: Self.equal(left, right)
        case .notEqual: !Self.equal(left, right)
        case .less: Self.less(left, right)
        case .lessOrEqual: Self.less(left, right) || Self.equal(left, right)
        case .greater: Self.less(right, left)
        case .greaterOrEqual: Self.less(right, left) || Self.equal(left, right)
        }
    }

    private static func equal(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (nil, nil): true
        case (let left?, let right?): left == right
        default: false
        }
    }

    private static func less(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (.number(let left)?, .number(let right)?): NumberOrder.less(left, right)
        case (.string(let left)?, .string(let right)?):
            left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars) { $0.value < $1.value }
        default: false
        }
    }
}

/// Numeric order by exact decimal value where possible (so `0.1 + 0.2`-style literals behave).
enum NumberOrder {
    static func less(_ left: JSONNumber, _ right: JSONNumber) -> Bool {
        if let a = left.decimal, let b = right.decimal { return a < b }
        return left.double < right.double
    }
}

/// A query inside a filter: relative to the current node (`@…`) or to the document (`$…`).
struct FilterQuery: Sendable {
    var isRelative: Bool
    var segments: [JSONPathQuery.Segment]

    var isSingular: Bool { JSONPathQuery.isSingular(segments) }

    func select(current: JSONValue, root: JSONValue) -> [JSONValue] {
        JSONPathQuery.apply(segments, to: [isRelative ? current : root], root: root)
    }
}

/// One side of a comparison, or a function argument: a literal, a query, or a function call.
indirect enum FilterOperand: Sendable {
    case literal(JSONValue)
    case query(FilterQuery)
    case function(FilterFunction)

    /// The operand's single value; nil when it is missing (a query that selects nothing).
    func value(current: JSONValue, root: JSONValue) -> JSONValue? {
        switch self {
        case .literal(let value): return value
        case .query(let query):
            let nodes = query.select(current: current, root: root)
            return nodes.count == 1 ? nodes[0] : nil
        case .function(let function): return function.value(current: current, root: root)
        }
    }
}

/// RFC 9535's five functions.
enum FilterFunction: Sendable {
    /// Characters of a string, items of an array, members of an object.
    case length(FilterOperand)
    /// The number of nodes a query selects.
    case count(FilterQuery)
    /// The whole string matches the I-Regexp.
    case match(FilterOperand, FilterOperand)
    /// The string contains a match of the I-Regexp.
    case search(FilterOperand, FilterOperand)
    /// The single node a query selects, if it selects exactly one.
    case value(FilterQuery)

    /// Whether the function returns a value (usable in comparisons) rather than a logical result.
    var returnsValue: Bool {
        switch self {
        case .length, .count, .value: true
        case .match, .search: false
        }
    }

    func value(current: JSONValue, root: JSONValue) -> JSONValue? {
        switch self {
        case .length(let argument):
            switch argument.value(current: current, root: root) {
            case .string(let text)?: return .number(JSONNumber(text.unicodeScalars.count))
            case .array(let items)?: return .number(JSONNumber(items.count))
            case .object(let object)?: return .number(JSONNumber(object.count))
            default: return nil
            }
        case .count(let query): return .number(JSONNumber(query.select(current: current, root: root).count))
        case .value(let query):
            let nodes = query.select(current: current, root: root)
            return nodes.count == 1 ? nodes[0] : nil
        case .match, .search: return nil
        }
    }

    func logical(current: JSONValue, root: JSONValue) -> Bool {
        switch self {
        case .match(let text, let pattern), .search(let text, let pattern):
            guard case .string(let subject)? = text.value(current: current, root: root),
                case .string(let expression)? = pattern.value(current: current, root: root)
            else { return false }
            let whole: Bool
            if case .match = self { whole = true } else { whole = false }
            return (whole ? Self.wholeMatchers : Self.searchers).value(for: expression)?.found(in: subject) ?? false
        default: return false
        }
    }

    // A filter runs its pattern on every candidate node: each pattern is compiled once per process.
    private static let wholeMatchers = Memo<String, CompiledRegex?> { try? CompiledRegex("^(?:\($0))$") }
    private static let searchers = Memo<String, CompiledRegex?> { try? CompiledRegex($0) }
}
