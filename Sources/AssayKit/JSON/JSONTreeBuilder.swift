/// Builds the parser's output, so one byte-level parser serves both the located tree for
/// source files (`JSONNode`) and the plain, fast tree for response bodies (`JSONValue`).
/// Static requirements let the compiler specialize the parser for each builder.
protocol JSONTreeBuilder {
    associatedtype Node
    /// An object being filled member by member.
    associatedtype ObjectBuffer

    /// Whether nodes carry locations; when false the parser never computes one.
    static var needsLocations: Bool { get }

    static func null(at location: SourceLocation) -> Node
    static func bool(_ value: Bool, at location: SourceLocation) -> Node
    static func number(_ value: JSONNumber, at location: SourceLocation) -> Node
    static func string(_ value: String, at location: SourceLocation) -> Node
    static func array(_ items: [Node], at location: SourceLocation) -> Node

    static func makeObjectBuffer() -> ObjectBuffer
    /// The byte offset of an earlier member named `key`, used to report duplicates.
    static func offsetOfMember(_ key: String, in buffer: ObjectBuffer) -> Int?
    static func addMember(
        _ key: String, keyOffset: Int, keyLocation: SourceLocation, value: Node, to buffer: inout ObjectBuffer)
    static func object(_ buffer: ObjectBuffer, at location: SourceLocation) -> Node
}

/// Builds the located tree for suites, configs and goldens.
enum JSONNodeBuilder: JSONTreeBuilder {
    struct ObjectBuffer {
        var members: [JSONMember] = []
        /// Key offsets, parallel to `members`; only read to report a duplicate key.
        var offsets: [Int] = []
        /// Key → offset, built only for large objects: most objects have a handful of members,
        /// where a linear scan beats hashing every key into a dictionary of their own.
        var index: [String: Int]?
    }

    /// Members beyond which duplicate keys are found through a dictionary.
    static let linearScanLimit = 16

    static var needsLocations: Bool { true }

    static func null(at location: SourceLocation) -> JSONNode { JSONNode(location: location, kind: .null) }
    static func bool(_ value: Bool, at location: SourceLocation) -> JSONNode {
        JSONNode(location: location, kind: .bool(value))
    }
    static func number(_ value: JSONNumber, at location: SourceLocation) -> JSONNode {
        JSONNode(location: location, kind: .number(value))
    }
    static func string(_ value: String, at location: SourceLocation) -> JSONNode {
        JSONNode(location: location, kind: .string(value))
    }
    static func array(_ items: [JSONNode], at location: SourceLocation) -> JSONNode {
        JSONNode(location: location, kind: .array(items))
    }

    static func makeObjectBuffer() -> ObjectBuffer { ObjectBuffer() }
    static func offsetOfMember(_ key: String, in buffer: ObjectBuffer) -> Int? {
        if let index = buffer.index { return index[key] }
        return buffer.members.firstIndex { $0.key == key }.map { buffer.offsets[$0] }
    }
    static func addMember(
        _ key: String, keyOffset: Int, keyLocation: SourceLocation, value: JSONNode, to buffer: inout ObjectBuffer
    ) {
        buffer.members.append(JSONMember(key: key, keyLocation: keyLocation, value: value))
        buffer.offsets.append(keyOffset)
        if buffer.index != nil {
            buffer.index?[key] = keyOffset
        } else if buffer.members.count > linearScanLimit {
            buffer.index = Dictionary(
                zip(buffer.members.lazy.map(\.key), buffer.offsets), uniquingKeysWith: { first, _ in first })
        }
    }
    static func object(_ buffer: ObjectBuffer, at location: SourceLocation) -> JSONNode {
        JSONNode(location: location, kind: .object(buffer.members))
    }
}

/// Builds plain values for response bodies, with no locations.
enum JSONValueBuilder: JSONTreeBuilder {
    struct ObjectBuffer {
        var object = JSONObject()
        // Key offsets in insertion order; only read to report a duplicate key.
        var offsets: [Int] = []
    }

    static var needsLocations: Bool { false }

    static func null(at location: SourceLocation) -> JSONValue { .null }
    static func bool(_ value: Bool, at location: SourceLocation) -> JSONValue { .bool(value) }
    static func number(_ value: JSONNumber, at location: SourceLocation) -> JSONValue { .number(value) }
    static func string(_ value: String, at location: SourceLocation) -> JSONValue { .string(value) }
    static func array(_ items: [JSONValue], at location: SourceLocation) -> JSONValue { .array(items) }

    static func makeObjectBuffer() -> ObjectBuffer { ObjectBuffer() }
    static func offsetOfMember(_ key: String, in buffer: ObjectBuffer) -> Int? {
        guard buffer.object[key] != nil, let index = buffer.object.keys.firstIndex(of: key) else { return nil }
        return buffer.offsets[index]
    }
    static func addMember(
        _ key: String, keyOffset: Int, keyLocation: SourceLocation, value: JSONValue, to buffer: inout ObjectBuffer
    ) {
        buffer.object[key] = value
        buffer.offsets.append(keyOffset)
    }
    static func object(_ buffer: ObjectBuffer, at location: SourceLocation) -> JSONValue { .object(buffer.object) }
}
