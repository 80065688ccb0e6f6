/// A response head's header fields as the bytes that came off the wire: one buffer for the
/// whole head and the span of each name and value, with strings made only for the fields that
/// something reads. Parsing used to make two strings per field of every response (and free them
/// again), while the checks of a passing step read two or three fields.
struct WireFields: Sendable {
    private var bytes: [UInt8] = []
    private var spans: [Span] = []

    private struct Span: Sendable {
        let name: Range<Int>
        let value: Range<Int>
        /// Whether the name is all ASCII (checked once, while it is copied in), so its string has
        /// exactly its byte count: a field of another length cannot have the name asked for.
        let nameIsASCII: Bool
    }

    /// Room for `fields` fields of a typical size, so a head is read without reallocating.
    init(reservingFields fields: Int) {
        bytes.reserveCapacity(fields * 40)
        spans.reserveCapacity(fields)
    }

    var count: Int { spans.count }

    /// Appends one field from its raw name and value (value already trimmed).
    mutating func append(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        let nameStart = bytes.count
        bytes.append(contentsOf: name)
        let valueStart = bytes.count
        bytes.append(contentsOf: value)
        spans.append(
            Span(
                name: nameStart..<valueStart, value: valueStart..<bytes.count,
                nameIsASCII: !name.contains(where: { $0 >= 0x80 })))
    }

    /// Joins a continuation line to the last field's value with a space (obsolete line folding).
    /// The last value ends the buffer, so it grows in place.
    mutating func extendLastValue(with continuation: UnsafeRawBufferPointer) {
        guard let last = spans.last else { return }
        bytes.append(0x20)
        bytes.append(contentsOf: continuation)
        spans[spans.count - 1] = Span(
            name: last.name, value: last.value.lowerBound..<bytes.count, nameIsASCII: last.nameIsASCII)
    }

    func field(at index: Int) -> HTTPHeader {
        HTTPHeader(name: text(spans[index].name), value: text(spans[index].value))
    }

    func value(at index: Int) -> String { text(spans[index].value) }

    /// The same answer as `field(at: index).hasName(name)`, without making the field's strings.
    func hasName(at index: Int, _ name: String) -> Bool {
        let span = spans[index]
        // A name with other bytes is decoded first: as Latin-1 its string may be longer than its bytes.
        guard span.nameIsASCII else { return field(at: index).hasName(name) }
        guard span.name.count == name.utf8.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            let field = UnsafeBufferPointer(rebasing: all[span.name])
            return name.utf8.withContiguousStorageIfAvailable { String.equalIgnoringASCIICase(field, $0) }
                ?? String(decoding: field, as: UTF8.self).equalsIgnoringASCIICase(name)
        }
    }

    private func text(_ range: Range<Int>) -> String {
        bytes.withUnsafeBytes { all in HTTPHeadParser.text(UnsafeRawBufferPointer(rebasing: all[range])) }
    }
}
