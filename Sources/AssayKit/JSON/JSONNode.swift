/// A JSON value parsed from a source file, with the location of every node and key,
/// so the suite loader can say `file:line:column` about any value it rejects.
public struct JSONNode: Sendable {
    public var location: SourceLocation
    public var kind: Kind

    // Not `indirect`: arrays already give the recursion its indirection, and a box per node
    // would cost an allocation and a release for every value of every suite file.
    public enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    public init(location: SourceLocation, kind: Kind) {
        self.location = location
        self.kind = kind
    }

    /// The plain value, without locations.
    public var value: JSONValue {
        switch kind {
        case .null: .null
        case .bool(let value): .bool(value)
        case .number(let value): .number(value)
        case .string(let value): .string(value)
        case .array(let items): .array(items.map(\.value))
        case .object(let members): .object(JSONObject(members.map { ($0.key, $0.value.value) }))
        }
    }
}

/// One `"key": value` pair of a parsed object, with the key's own location.
public struct JSONMember: Sendable {
    public var key: String {
        didSet { asciiKeyLength = Self.asciiLength(key, isASCII: key.utf8.allSatisfy { $0 < 0x80 }) }
    }
    public var keyLocation: SourceLocation
    public var value: JSONNode
    /// The key's byte count when it is known to be all ASCII (the parser knows for free), else -1:
    /// a key of another length cannot equal an ASCII name, so `NodeReader` rules most members out
    /// by comparing two numbers, without counting the key again at every lookup.
    private var asciiKeyLength: Int32

    /// True only when `key` is known to be all ASCII.
    var keyIsASCII: Bool { asciiKeyLength >= 0 }

    public init(key: String, keyLocation: SourceLocation, value: JSONNode) {
        self.init(key: key, keyIsASCII: key.utf8.allSatisfy { $0 < 0x80 }, keyLocation: keyLocation, value: value)
    }

    init(key: String, keyIsASCII: Bool, keyLocation: SourceLocation, value: JSONNode) {
        // Counted before the key is stored, so that storing it is its last use (a move, not a copy).
        asciiKeyLength = Self.asciiLength(key, isASCII: keyIsASCII)
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }

    private static func asciiLength(_ key: String, isASCII: Bool) -> Int32 {
        isASCII ? Int32(clamping: key.utf8.count) : -1
    }

    /// Whether the key is `name`, an ASCII name of `nameLength` bytes (counted once by the caller).
    @inline(__always)
    func hasKey(_ name: String, nameLength: Int) -> Bool {
        if asciiKeyLength >= 0 && Int(asciiKeyLength) != nameLength { return false }
        return key == name
    }
}
