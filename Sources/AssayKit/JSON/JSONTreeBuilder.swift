/// Builds the parser's output, so one byte-level parser serves both the located tree for
/// source files (`JSONNode`) and the plain, fast tree for response bodies (`JSONValue`).
/// Static requirements let the compiler specialize the parser for each builder.
protocol JSONTreeBuilder {
    associatedtype Node
    /// An object being filled member by member.
    associatedtype ObjectBuffer
    /// State shared by every object of one parse (made once per document).
    associatedtype Scratch

    /// Whether nodes carry locations; when false the parser never computes one.
    static var needsLocations: Bool { get }

    static func null(at location: SourceLocation) -> Node
    static func bool(_ value: Bool, at location: SourceLocation) -> Node
    static func number(_ value: JSONNumber, at location: SourceLocation) -> Node
    static func string(_ value: String, at location: SourceLocation) -> Node
    static func array(_ items: [Node], at location: SourceLocation) -> Node

    static func makeScratch() -> Scratch
    static func makeObjectBuffer(_ scratch: Scratch) -> ObjectBuffer
    /// The byte offset of an earlier member named `key`, used to report duplicates.
    static func offsetOfMember(_ key: String, in buffer: ObjectBuffer, scratch: Scratch) -> Int?
    /// `keyIsASCII` is true only when the key is known to be all ASCII.
    static func addMember(
        _ key: consuming String, keyIsASCII: Bool, keyOffset: Int, keyLocation: SourceLocation, value: consuming Node,
        to buffer: inout ObjectBuffer, scratch: Scratch)
    static func object(_ buffer: ObjectBuffer, scratch: Scratch, at location: SourceLocation) -> Node
}

/// Builds the located tree for suites, configs and goldens.
enum JSONNodeBuilder: JSONTreeBuilder {
    /// The members of every open object, and their key offsets, on two stacks; a closed
    /// object's members move off into an array of exactly their count.
    final class Scratch {
        let members = MoveStack<JSONMember>()
        /// Key offsets, parallel to `members`; only read to report a duplicate key.
        let offsets = MoveStack<Int>()
    }

    struct ObjectBuffer {
        /// Where this object's members begin on the scratch stacks.
        let start: Int
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

    static func makeScratch() -> Scratch { Scratch() }
    static func makeObjectBuffer(_ scratch: Scratch) -> ObjectBuffer { ObjectBuffer(start: scratch.members.count) }
    static func offsetOfMember(_ key: String, in buffer: ObjectBuffer, scratch: Scratch) -> Int? {
        if let index = buffer.index { return index[key] }
        var position = buffer.start
        while position < scratch.members.count {
            if scratch.members[position].key == key { return scratch.offsets[position] }
            position += 1
        }
        return nil
    }
    static func addMember(
        _ key: consuming String, keyIsASCII: Bool, keyOffset: Int, keyLocation: SourceLocation,
        value: consuming JSONNode,
        to buffer: inout ObjectBuffer, scratch: Scratch
    ) {
        if buffer.index != nil { buffer.index?[copy key] = keyOffset }
        scratch.members.push(JSONMember(key: key, keyIsASCII: keyIsASCII, keyLocation: keyLocation, value: value))
        scratch.offsets.push(keyOffset)
        if buffer.index == nil && scratch.members.count - buffer.start > linearScanLimit {
            // Keys are unique here: each was checked before it was added.
            var index: [String: Int] = [:]
            for position in buffer.start..<scratch.members.count {
                index[scratch.members[position].key] = scratch.offsets[position]
            }
            buffer.index = index
        }
    }
    static func object(_ buffer: ObjectBuffer, scratch: Scratch, at location: SourceLocation) -> JSONNode {
        scratch.offsets.truncate(to: buffer.start)
        return JSONNode(location: location, kind: .object(scratch.members.popArray(from: buffer.start)))
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

    /// Room an object's buffers start with: growing from empty reallocates at 1, 2 and 4 members.
    static let initialMembers = 8

    static func makeScratch() {}
    static func makeObjectBuffer(_ scratch: Void) -> ObjectBuffer {
        var buffer = ObjectBuffer()
        buffer.object.reserveCapacity(initialMembers)
        buffer.offsets.reserveCapacity(initialMembers)
        return buffer
    }
    static func offsetOfMember(_ key: String, in buffer: ObjectBuffer, scratch: Void) -> Int? {
        buffer.object.position(of: key).map { buffer.offsets[$0] }
    }
    static func addMember(
        _ key: consuming String, keyIsASCII: Bool, keyOffset: Int, keyLocation: SourceLocation,
        value: consuming JSONValue,
        to buffer: inout ObjectBuffer, scratch: Void
    ) {
        // `offsetOfMember` has just ruled out a duplicate, so the key is appended without a second search.
        buffer.object.appendNew(key, value)
        buffer.offsets.append(keyOffset)
    }
    static func object(_ buffer: ObjectBuffer, scratch: Void, at location: SourceLocation) -> JSONValue {
        .object(buffer.object)
    }
}
