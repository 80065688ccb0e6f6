/// An ordered list of header fields: duplicates and order are kept because contract checks
/// must see exactly what the peer sent; lookups ignore case.
///
/// A response head is kept as the bytes that arrived (`WireFields`) and its strings are made
/// when read; any change turns the list into plain fields first. Both forms answer the same.
public struct HTTPHeaders: Sendable {
    private enum Storage: Sendable {
        case fields([HTTPHeader])
        case wire(WireFields)
    }

    private var storage: Storage

    /// Creates a list from fields in wire order.
    public init(_ fields: [HTTPHeader] = []) {
        storage = .fields(fields)
    }

    /// The fields of a response head as they came off the wire.
    init(wire: WireFields) {
        storage = .wire(wire)
    }

    /// The fields in wire order.
    public var fields: [HTTPHeader] {
        switch storage {
        case .fields(let fields): fields
        case .wire(let wire): (0..<wire.count).map(wire.field(at:))
        }
    }

    /// Appends a field after the existing ones, keeping any earlier field with the same name.
    public mutating func append(name: String, value: String) {
        append(HTTPHeader(name: name, value: value))
    }

    /// Appends a field after the existing ones.
    public mutating func append(_ field: HTTPHeader) {
        mutateFields { $0.append(field) }
    }

    /// Appends a field as raw bytes from the wire (value already trimmed), without making strings.
    mutating func appendWire(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        guard case .wire(var wire) = storage else {
            return append(HTTPHeader(name: HTTPHeadParser.text(name), value: HTTPHeadParser.text(value)))
        }
        storage = .fields([])  // so `wire` is the only reference and grows in place
        wire.append(name: name, value: value)
        storage = .wire(wire)
    }

    /// Removes every field with this name (case-insensitive).
    public mutating func removeAll(named name: String) {
        mutateFields { $0.removeAll { $0.hasName(name) } }
    }

    /// Replaces every field with this name by one field holding `value`, at the first one's position.
    public mutating func set(name: String, value: String) {
        mutateFields { fields in
            guard let index = fields.firstIndex(where: { $0.hasName(name) }) else {
                return fields.append(HTTPHeader(name: name, value: value))
            }
            fields[index] = HTTPHeader(name: name, value: value)
            var position = fields.index(after: index)
            while position < fields.endIndex {
                if fields[position].hasName(name) { fields.remove(at: position) } else { position += 1 }
            }
        }
    }

    /// Changes the list as plain fields (made from the wire bytes first, if need be).
    private mutating func mutateFields(_ change: (inout [HTTPHeader]) -> Void) {
        var fields = self.fields
        storage = .fields([])  // so `fields` is the only reference and changes in place
        change(&fields)
        storage = .fields(fields)
    }

    // Lookups run several times per response. Each switches on the storage once and walks the
    // fields by index: the closure-taking `first(where:)` copies every field it visits, and a switch
    // per field retains the wire buffers again for each one.

    /// The value of the first field with this name (case-insensitive), if any.
    public func first(_ name: String) -> String? {
        switch storage {
        case .fields(let fields):
            for index in fields.indices where fields[index].hasName(name) { return fields[index].value }
        case .wire(let wire):
            for index in 0..<wire.count where wire.hasName(at: index, name) { return wire.value(at: index) }
        }
        return nil
    }

    /// Every value of fields with this name (case-insensitive), in wire order.
    public func values(_ name: String) -> [String] {
        var values: [String] = []
        switch storage {
        case .fields(let fields):
            for index in fields.indices where fields[index].hasName(name) { values.append(fields[index].value) }
        case .wire(let wire):
            for index in 0..<wire.count where wire.hasName(at: index, name) { values.append(wire.value(at: index)) }
        }
        return values
    }

    /// Whether a field with this name (case-insensitive) is present.
    public func contains(_ name: String) -> Bool {
        switch storage {
        case .fields(let fields):
            for index in fields.indices where fields[index].hasName(name) { return true }
        case .wire(let wire):
            for index in 0..<wire.count where wire.hasName(at: index, name) { return true }
        }
        return false
    }
}

extension HTTPHeaders: Hashable {
    /// Equal when they hold the same fields in the same order, whichever form each is kept in.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.count == rhs.count && lhs.indices.allSatisfy { lhs[$0] == rhs[$0] }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
    }
}

extension HTTPHeaders: RandomAccessCollection {
    /// The position of the first field.
    public var startIndex: Int { 0 }
    /// The position past the last field.
    public var endIndex: Int {
        switch storage {
        case .fields(let fields): fields.count
        case .wire(let wire): wire.count
        }
    }
    /// The field at a position.
    public subscript(position: Int) -> HTTPHeader {
        switch storage {
        case .fields(let fields): fields[position]
        case .wire(let wire): wire.field(at: position)
        }
    }
}

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
    /// Creates a list from a literal; order and repeated names are kept (it is not a dictionary).
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { HTTPHeader(name: $0.0, value: $0.1) })
    }
}

extension HTTPHeaders: Codable {
    /// Decodes from a JSON array of `{"name", "value"}` objects, so order and duplicates survive.
    public init(from decoder: any Decoder) throws {
        self.init(try [HTTPHeader](from: decoder))
    }

    /// Encodes as a JSON array of `{"name", "value"}` objects.
    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
    }
}
