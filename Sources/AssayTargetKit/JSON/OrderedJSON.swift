import Foundation

/// A JSON value whose objects keep their key order, so responses serialize byte-for-byte the same.
public indirect enum OrderedJSON: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A fraction, written with six decimals so the text is stable.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([OrderedJSON])
    /// An object, in the given key order.
    case object([(String, OrderedJSON)])

    /// A string, or `null` when nil.
    public static func optional(_ text: String?) -> OrderedJSON {
        text.map(OrderedJSON.string) ?? .null
    }

    /// The compact JSON text.
    public func serialized() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .number(let value):
            out += value.isFinite ? String(format: "%.6f", value) : "null"
        case .string(let value): Self.writeString(value, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

extension OrderedJSON {
    /// Parses JSON text; object keys come out sorted, so the result serializes the same every time.
    static func parse(_ text: String) -> OrderedJSON? {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        else { return nil }
        return OrderedJSON(any: value)
    }

    private init(any value: Any) {
        switch value {
        case let object as [String: Any]:
            self = .object(object.keys.sorted().map { ($0, OrderedJSON(any: object[$0]!)) })
        case let array as [Any]: self = .array(array.map { OrderedJSON(any: $0) })
        case let string as String: self = .string(string)
        case let number as NSNumber:
            // Foundation on Linux gives JSON booleans the objCType "c".
            if String(cString: number.objCType) == "c" {
                self = .bool(number.boolValue)
            } else if number.doubleValue == number.doubleValue.rounded(), abs(number.doubleValue) < 1e15 {
                self = .int(number.intValue)
            } else {
                self = .number(number.doubleValue)
            }
        default: self = .null
        }
    }
}
