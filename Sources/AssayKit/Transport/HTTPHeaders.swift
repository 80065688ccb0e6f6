/// An ordered list of header fields: duplicates and order are kept because contract checks
/// must see exactly what the peer sent; lookups ignore case.
public struct HTTPHeaders: Sendable, Hashable {
    /// The fields in wire order.
    public private(set) var fields: [HTTPHeader]

    /// Creates a list from fields in wire order.
    public init(_ fields: [HTTPHeader] = []) {
        self.fields = fields
    }

    /// Appends a field after the existing ones, keeping any earlier field with the same name.
    public mutating func append(name: String, value: String) {
        fields.append(HTTPHeader(name: name, value: value))
    }

    /// Appends a field after the existing ones.
    public mutating func append(_ field: HTTPHeader) {
        fields.append(field)
    }

    /// Replaces the last field (for obsolete line folding, which extends the previous value).
    mutating func replaceLast(with field: HTTPHeader) {
        guard !fields.isEmpty else { return append(field) }
        fields[fields.count - 1] = field
    }

    /// Makes room for this many fields without reallocating.
    mutating func reserveCapacity(_ count: Int) {
        fields.reserveCapacity(count)
    }

    /// Removes every field with this name (case-insensitive).
    public mutating func removeAll(named name: String) {
        fields.removeAll { $0.hasName(name) }
    }

    /// Replaces every field with this name by one field holding `value`, at the first one's position.
    public mutating func set(name: String, value: String) {
        if let index = fields.firstIndex(where: { $0.hasName(name) }) {
            fields[index] = HTTPHeader(name: name, value: value)
            var position = fields.index(after: index)
            while position < fields.endIndex {
                if fields[position].hasName(name) { fields.remove(at: position) } else { position += 1 }
            }
        } else {
            append(name: name, value: value)
        }
    }

    // Lookups run several times per response and walk the fields by index: the closure-taking
    // `first(where:)` copies every field it visits (two retains and two releases each).

    /// The value of the first field with this name (case-insensitive), if any.
    public func first(_ name: String) -> String? {
        for index in fields.indices where fields[index].hasName(name) { return fields[index].value }
        return nil
    }

    /// Every value of fields with this name (case-insensitive), in wire order.
    public func values(_ name: String) -> [String] {
        var values: [String] = []
        for index in fields.indices where fields[index].hasName(name) { values.append(fields[index].value) }
        return values
    }

    /// Whether a field with this name (case-insensitive) is present.
    public func contains(_ name: String) -> Bool {
        for index in fields.indices where fields[index].hasName(name) { return true }
        return false
    }
}

extension HTTPHeaders: RandomAccessCollection {
    /// The position of the first field.
    public var startIndex: Int { fields.startIndex }
    /// The position past the last field.
    public var endIndex: Int { fields.endIndex }
    /// The field at a position.
    public subscript(position: Int) -> HTTPHeader { fields[position] }
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
