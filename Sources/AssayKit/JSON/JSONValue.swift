import Foundation

/// A JSON value as Assay compares it: objects keep their key order for display,
/// but equality ignores order, and numbers compare by value (`1.0 == 1`, `1e2 == 100`).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON number that remembers how it was written, so goldens round-trip exactly,
/// while equality is by numeric value.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The literal as written, e.g. `1.50` or `1e3`.
    public let text: String

    public init(text: String) { self.text = text }
    public init(_ value: Int) { self.text = String(value) }
    public init(_ value: Double) {
        if value.rounded() == value, abs(value) < 1e15 {
            self.text = String(Int64(value))
        } else {
            self.text = String(value)
        }
    }

    /// The exact decimal value; nil only for literals Decimal cannot hold.
    public var decimal: Decimal? { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }
    public var double: Double { Double(text) ?? .nan }
    /// The value as an integer, when it is one (`3`, `3.0`, `3e0`).
    public var integer: Int? {
        if let exact = Int(text) { return exact }
        let value = double
        guard value.isFinite, value.rounded() == value, abs(value) < 9e15 else { return nil }
        return Int(value)
    }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.text == rhs.text { return true }
        if let left = lhs.decimal, let right = rhs.decimal { return left == right }
        return lhs.double == rhs.double
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(double) }
    public var description: String { text }
}

/// A JSON object: ordered keys for display and recording, order-free equality.
/// Duplicate keys are rejected by the parser, so keys are unique here.
///
/// Members live in one ordered array; lookups scan it while the object is small and use a key
/// index once it is large. Every response body becomes one of these, and most API objects have a
/// handful of members, for which hashing every key into a dictionary cost more than the scan.
public struct JSONObject: Sendable, Equatable, Sequence {
    public typealias Member = (key: String, value: JSONValue)

    private var members: [Entry] = []
    /// A member as stored: a struct, not the public tuple, because an array of tuples is destroyed
    /// through the runtime's generic tuple witness (≈ 1,000 instructions a member, once for every
    /// member of every response body), where a struct gets a compiled one.
    fileprivate struct Entry: Sendable {
        var key: String
        var value: JSONValue
    }
    /// Position of each key, kept only above `indexThreshold` members.
    private var index: [String: Int]?
    private static let indexThreshold = 16

    public init() {}
    public init(_ pairs: [(String, JSONValue)]) {
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }
    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let newValue {
                if let existing = position(of: key) {
                    members[existing].value = newValue
                } else {
                    appendNew(key, newValue)
                }
            } else if let existing = position(of: key) {
                members.remove(at: existing)
                if index != nil { buildIndex() }
            }
        }
    }

    /// Where `key` is among the members, if present.
    func position(of key: String) -> Int? {
        if let index { return index[key] }
        // By index: a closure over the members would copy each one it visits (key and value).
        for position in members.indices where members[position].key == key { return position }
        return nil
    }

    /// Makes room for this many members without reallocating.
    mutating func reserveCapacity(_ count: Int) { members.reserveCapacity(count) }

    /// Adds a member whose key is known to be new (the parser checked it for duplicates).
    mutating func appendNew(_ key: String, _ value: consuming JSONValue) {
        members.append(Entry(key: key, value: value))
        if index != nil {
            index?[key] = members.count - 1
        } else if members.count > Self.indexThreshold {
            buildIndex()
        }
    }

    private mutating func buildIndex() {
        var built: [String: Int] = [:]
        built.reserveCapacity(members.count)
        for (position, member) in members.enumerated() { built[member.key] = position }
        index = built
    }

    public struct Iterator: IteratorProtocol {
        fileprivate var base: IndexingIterator<[Entry]>
        public mutating func next() -> Member? { base.next().map { ($0.key, $0.value) } }
    }

    public func makeIterator() -> Iterator { Iterator(base: members.makeIterator()) }

    /// Equal when both hold the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.members.allSatisfy { member in rhs[member.key] == member.value }
    }
}

extension JSONValue {
    /// The member `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The JSON type name used in messages: "null", "boolean", "number", "string", "array", "object".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
