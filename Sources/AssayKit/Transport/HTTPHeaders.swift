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

    /// Makes room for `count` fields in all.
    public mutating func reserveCapacity(_ count: Int) {
        fields.reserveCapacity(count)
    }

    /// Removes every field with this name (case-insensitive).
    public mutating func removeAll(named name: String) {
        fields.removeAll { $0.hasName(name) }
    }

    /// Replaces every field with this name by one field holding `value`, at the first one's position.
    public mutating func set(name: String, value: String) {
        guard let index = fields.firstIndex(where: { $0.hasName(name) }) else {
            return fields.append(HTTPHeader(name: name, value: value))
        }
        fields[index] = HTTPHeader(name: name, value: value)
        var position = fields.index(after: index)
        while position < fields.endIndex {
            if fields[position].hasName(name) { fields.remove(at: position) } else { position += 1 }
        }
    }

    /// The value of the first field with this name (case-insensitive), if any.
    public func first(_ name: String) -> String? {
        fields.first { $0.hasName(name) }?.value
    }

    /// Every value of fields with this name (case-insensitive), in wire order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.hasName(name) }.map(\.value)
    }

    /// Whether a field with this name (case-insensitive) is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { $0.hasName(name) }
    }

    /// Joins a continuation line to the last field's value with a space (obsolete line folding).
    mutating func extendLastValue(with continuation: String) {
        guard let last = fields.indices.last else { return }
        fields[last].value += " " + continuation
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
