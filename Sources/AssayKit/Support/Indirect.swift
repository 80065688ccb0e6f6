/// Holds a large, rarely present value behind one pointer, so the struct that contains it stays
/// small. Coded as the value itself. Used where a run keeps one record per exchange and most
/// records never carry the value (a stream's record on a plain request).
final class Indirect<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

extension Indirect: Codable where Value: Codable {
    convenience init(from decoder: any Decoder) throws {
        self.init(try Value(from: decoder))
    }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
