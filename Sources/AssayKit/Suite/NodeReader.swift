import Foundation

/// Reads one JSON object of a suite or config file: typed member access with
/// `file:line:column` errors, and an "unknown key" error with a suggestion for
/// every member the caller did not declare. All decoding of user files goes
/// through this, so every message has the same shape.
struct NodeReader {
    /// Where the object starts, for messages about the whole object.
    let location: SourceLocation
    /// What this object is, for messages: "case", "request", "expect".
    let context: String
    private let members: [JSONMember]
    private var known: [String] = []

    init(_ node: JSONNode, context: String) throws(Diagnostic) {
        guard case .object(let members) = node.kind else {
            throw Diagnostic("expected \(context) to be an object, found \(node.kindName)", at: node.location)
        }
        self.location = node.location
        self.context = context
        self.members = members
    }

    /// The object itself (readers keep its parts: a reader is made for every object decoded).
    var node: JSONNode { JSONNode(location: location, kind: .object(members)) }

    /// Declares the keys this object may have; call `finish()` to reject the others.
    mutating func allow(_ keys: String...) { allow(contentsOf: keys) }

    /// Declares keys from a list; a reader's first list is shared, not copied (readers are made per object).
    mutating func allow(contentsOf keys: [String]) {
        if known.isEmpty { known = keys } else { known += keys }
    }

    /// Every member not declared with `allow` is an error naming the nearest known key.
    func finish() throws(Diagnostic) {
        for member in members where !known.contains(where: { member.hasKey($0, nameLength: $0.utf8.count) }) {
            let hint = Suggestion.nearest(to: member.key, among: known).map { "did you mean `\($0)`?" }
            let list = known.map { "`\($0)`" }.joined(separator: ", ")
            throw Diagnostic(
                "unknown key `\(Diagnostic.excerpt(member.key))` in \(context); expected one of \(list)",
                at: member.keyLocation, hint: hint
            )
        }
    }

    /// The byte count of a name the decoder asks for, which is always ASCII.
    @inline(__always)
    private static func length(of name: String) -> Int {
        assert(name.utf8.allSatisfy { $0 < 0x80 }, "NodeReader keys are ASCII names")
        return name.utf8.count
    }

    /// The raw member node, if present.
    func member(_ key: String) -> JSONNode? {
        // By index: `first(where:)` would copy the whole member (key and locations) to return its value.
        let length = Self.length(of: key)
        for index in members.indices where members[index].hasKey(key, nameLength: length) {
            return members[index].value
        }
        return nil
    }

    func has(_ key: String) -> Bool {
        let length = Self.length(of: key)
        for index in members.indices where members[index].hasKey(key, nameLength: length) {
            return true
        }
        return false
    }

    func string(_ key: String) throws(Diagnostic) -> String? {
        let length = Self.length(of: key)
        for index in members.indices where members[index].hasKey(key, nameLength: length) {
            // The common case without copying the node; anything else goes through the checked path.
            if case .string(let value) = members[index].value.kind { return value }
            return try members[index].value.requireString("`\(key)`")
        }
        return nil
    }

    func requiredString(_ key: String) throws(Diagnostic) -> String {
        guard let value = try string(key) else {
            throw Diagnostic("\(context) is missing required key `\(key)`", at: location)
        }
        return value
    }

    func bool(_ key: String) throws(Diagnostic) -> Bool? {
        guard let node = member(key) else { return nil }
        guard case .bool(let value) = node.kind else {
            throw Diagnostic("expected `\(key)` to be true or false, found \(node.kindName)", at: node.location)
        }
        return value
    }

    func integer(_ key: String, in range: ClosedRange<Int>? = nil) throws(Diagnostic) -> Int? {
        guard let node = member(key) else { return nil }
        return try node.requireInteger("`\(key)`", in: range)
    }

    /// A list of strings; a single string is accepted as a one-element list.
    func strings(_ key: String) throws(Diagnostic) -> [String] {
        guard let node = member(key) else { return [] }
        if case .string(let single) = node.kind { return [single] }
        guard case .array(let items) = node.kind else {
            throw Diagnostic("expected `\(key)` to be a list of strings, found \(node.kindName)", at: node.location)
        }
        var result: [String] = []
        for item in items { result.append(try item.requireString("an item of `\(key)`")) }
        return result
    }

    /// A duration in milliseconds: a number of milliseconds, or a string such as "250ms", "2s", "1.5s", "1m".
    func milliseconds(_ key: String) throws(Diagnostic) -> Int? {
        guard let node = member(key) else { return nil }
        return try node.requireMilliseconds("`\(key)`")
    }

    /// The members of an object member, in order, with their locations.
    func object(_ key: String) throws(Diagnostic) -> [JSONMember]? {
        guard let node = member(key) else { return nil }
        guard case .object(let members) = node.kind else {
            throw Diagnostic("expected `\(key)` to be an object, found \(node.kindName)", at: node.location)
        }
        return members
    }

    /// A nested object read with its own reader.
    func reader(_ key: String, context: String) throws(Diagnostic) -> NodeReader? {
        guard let node = member(key) else { return nil }
        return try NodeReader(node, context: context)
    }

    /// An enumerated string value, with a suggestion when it is close to a valid one.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type) throws(Diagnostic) -> T?
    where T.RawValue == String {
        guard let node = member(key) else { return nil }
        return try node.requireChoice("`\(key)`", as: type)
    }
}

extension JSONNode {
    /// The JSON type of this node, for messages.
    var kindName: String {
        switch kind {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): "number \(value.text)"
        case .string(let value): "string \"\(value.prefix(40))\""
        case .array: "an array"
        case .object: "an object"
        }
    }

    // `what` is an autoclosure: the decoder names members with interpolated text, built only for a message.
    func requireString(_ what: @autoclosure () -> String) throws(Diagnostic) -> String {
        guard case .string(let value) = kind else {
            throw Diagnostic("expected \(what()) to be a string, found \(kindName)", at: location)
        }
        return value
    }

    func requireInteger(_ what: @autoclosure () -> String, in range: ClosedRange<Int>? = nil) throws(Diagnostic)
        -> Int
    {
        let parsed: Int?
        switch kind {
        case .number(let number): parsed = number.integer
        // A whole number written as a string: what a `${variable}` resolves to.
        case .string(let text): parsed = Int(text.trimmingCharacters(in: .whitespaces))
        default: parsed = nil
        }
        guard let value = parsed else {
            throw Diagnostic("expected \(what()) to be an integer, found \(kindName)", at: location)
        }
        if let range, !range.contains(value) {
            throw Diagnostic(
                "expected \(what()) to be between \(range.lowerBound) and \(range.upperBound), found \(value)",
                at: location)
        }
        return value
    }

    func requireMilliseconds(_ what: @autoclosure () -> String) throws(Diagnostic) -> Int {
        let reading: DurationText.Reading
        switch kind {
        case .number(let number): reading = DurationText.reading(number.double)
        case .string(let text): reading = DurationText.reading(text)
        default:
            throw Diagnostic(
                "expected \(what()) to be a duration in milliseconds or a string such as \"2s\", found \(kindName)",
                at: location)
        }
        switch reading {
        case .milliseconds(let value): return value
        case .tooLong:
            throw Diagnostic(
                "expected \(what()) to be at most \(DurationText.limitDescription), found \(describedValue)",
                at: location)
        case .invalid:
            throw Diagnostic(
                "expected \(what()) to be a duration such as 500, \"500ms\", \"2s\" or \"1m\", found \(describedValue)",
                at: location)
        }
    }

    /// The node's value as a message quotes it: a string in quotes, a number as written.
    private var describedValue: String {
        switch kind {
        case .string(let text): "\"\(text)\""
        case .number(let number): number.text
        default: kindName
        }
    }

    func requireChoice<T: RawRepresentable & CaseIterable>(_ what: @autoclosure () -> String, as type: T.Type)
        throws(Diagnostic) -> T
    where T.RawValue == String {
        let text = try requireString(what())
        if let value = T(rawValue: text) { return value }
        let options = T.allCases.map(\.rawValue)
        throw Diagnostic(
            "expected \(what()) to be one of \(options.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(text)\"",
            at: location, hint: Suggestion.nearest(to: text, among: options).map { "did you mean \"\($0)\"?" })
    }
}

/// Parses human durations used in suites and on the command line.
public enum DurationText {
    /// The longest duration accepted anywhere (a timeout, a clock ceiling, a wait): a day is far
    /// beyond any test, and keeps every sum of durations far inside `Int` and `Duration`, where
    /// `"9223372036854775807ms"` or `"1e308s"` would otherwise trap converting to an integer.
    public static let maximumMilliseconds = 86_400_000
    /// The limit as messages name it.
    public static let limitDescription = "24 hours (86400000 ms), the longest duration Assay accepts"

    /// What a duration text or number reads as.
    public enum Reading: Equatable, Sendable {
        case milliseconds(Int)
        /// Not a duration at all.
        case invalid
        /// A duration beyond `maximumMilliseconds`.
        case tooLong
    }

    /// Milliseconds for "250", "250ms", "2s", "1.5s" or "1m"; nil when the text is not a duration
    /// or is longer than `maximumMilliseconds`.
    public static func milliseconds(_ text: String) -> Int? {
        if case .milliseconds(let value) = reading(text) { return value }
        return nil
    }

    /// What a number without a unit counts.
    public enum BareUnit: Sendable {
        /// Suite files: a JSON number is milliseconds, as it always was there.
        case milliseconds
        /// The command line: a bare number is seconds, as curl's `--max-time 2` is.
        case seconds

        var factor: Double { self == .seconds ? 1000 : 1 }
    }

    /// The text read as a duration, telling an invalid one from one that is too long.
    public static func reading(_ text: String, bareUnit: BareUnit = .milliseconds) -> Reading {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ms", 1), ("s", 1000), ("m", 60_000)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            guard let number = Double(trimmed.dropLast(suffix.count)) else { return .invalid }
            return reading(number * factor)
        }
        guard let number = Double(trimmed) else { return .invalid }
        return reading(number * bareUnit.factor)
    }

    /// A number of milliseconds read as a duration: finite, not negative, at most the limit.
    public static func reading(_ milliseconds: Double) -> Reading {
        // NaN fails every comparison, so it is refused here with the negatives.
        guard milliseconds >= 0 else { return .invalid }
        // Compared as a Double before any conversion, so infinity and 1e308 never reach `Int(_:)`.
        guard milliseconds.rounded() <= Double(maximumMilliseconds) else { return .tooLong }
        return .milliseconds(Int(milliseconds.rounded()))
    }
}
