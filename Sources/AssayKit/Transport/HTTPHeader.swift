/// One header field as it appeared on the wire: name spelling and value kept verbatim.
public struct HTTPHeader: Sendable, Hashable, Codable {
    /// The field name, in the case the peer sent it.
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Whether this field's name equals `other`, ignoring ASCII case as HTTP requires.
    public func hasName(_ other: String) -> Bool {
        // Lengths first: most fields of a response differ in length from the name asked for, and the
        // full comparison retains both strings.
        name.utf8.count == other.utf8.count && name.equalsIgnoringASCIICase(other)
    }
}
