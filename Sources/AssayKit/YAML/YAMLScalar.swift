/// What a plain scalar means, by YAML 1.2's core schema: null, a boolean, a number, or text.
/// Numbers are rewritten as JSON numbers (`+1` → `1`, `.5` → `0.5`, `0x1F` → `31`); the infinities
/// and NaN have no JSON form and stay text.
enum YAMLScalar {
    static func resolve(_ text: String) -> JSONNode.Kind {
        // Most plain scalars are words: only these first characters can start anything but text.
        guard let lead = text.utf8.first else { return .null }
        switch lead {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default: return .string(text)
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        guard let first = text.utf8.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return .string(text) }
        if let number = number(text) { return .number(JSONNumber(text: number)) }
        return .string(text)
    }

    /// The JSON spelling of a YAML number, or nil when `text` is not one.
    static func number(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "x") { return Int(String(text.dropFirst(2)), radix: 16).map(String.init) }
            if bytes[1] == UInt8(ascii: "o") { return Int(String(text.dropFirst(2)), radix: 8).map(String.init) }
        }
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        let integerStart = index
        while index < bytes.count, digits.contains(bytes[index]) { index += 1 }
        var integer = String(decoding: bytes[integerStart..<index], as: UTF8.self)
        var fraction: String?
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, digits.contains(bytes[index]) { index += 1 }
            fraction = String(decoding: bytes[fractionStart..<index], as: UTF8.self)
        }
        guard !integer.isEmpty || !(fraction ?? "").isEmpty else { return nil }
        var exponent = ""
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var sign = ""
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                if bytes[index] == UInt8(ascii: "-") { sign = "-" }
                index += 1
            }
            let exponentStart = index
            while index < bytes.count, digits.contains(bytes[index]) { index += 1 }
            guard index > exponentStart else { return nil }
            exponent = "e" + sign + String(decoding: bytes[exponentStart..<index], as: UTF8.self)
        }
        guard index == bytes.count else { return nil }
        while integer.count > 1 && integer.hasPrefix("0") { integer.removeFirst() }
        if integer.isEmpty { integer = "0" }
        var result = (negative ? "-" : "") + integer
        if let fraction, !fraction.isEmpty { result += "." + fraction }
        return result + exponent
    }
}
