/// Renders `JSONValue`s as text for goldens, reports, diffs and request bodies.
/// Object keys keep their order and numbers are written as their literal text,
/// so a parsed document is written back the way it was read.
public enum JSONWriter {
    /// How much whitespace the output has.
    public enum Style: Sendable {
        /// No whitespace at all: `{"a":[1,2]}`.
        case compact
        /// Two-space indentation and `"key": value`, as goldens are stored.
        case pretty
    }

    /// The value on one line, with no whitespace.
    public static func compact(_ value: JSONValue) -> String {
        var output = ""
        write(value, style: .compact, indent: 0, to: &output)
        return output
    }

    /// The value indented by two spaces per level, ending with a newline when it is a file's content.
    public static func pretty(_ value: JSONValue, trailingNewline: Bool = true) -> String {
        var output = ""
        write(value, style: .pretty, indent: 0, to: &output)
        if trailingNewline { output += "\n" }
        return output
    }

    /// The value in the given style, without a trailing newline.
    public static func string(_ value: JSONValue, style: Style) -> String {
        style == .compact ? compact(value) : pretty(value, trailingNewline: false)
    }

    /// A string as a JSON string literal, quotes included.
    public static func quote(_ text: String) -> String {
        var output = ""
        writeString(text, to: &output)
        return output
    }

    private static func write(_ value: JSONValue, style: Style, indent: Int, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += number.text
        case .string(let text): writeString(text, to: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                newline(style, indent + 1, &output)
                write(item, style: style, indent: indent + 1, to: &output)
            }
            newline(style, indent, &output)
            output += "]"
        case .object(let object):
            guard !object.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            var first = true
            for (key, member) in object {
                if !first { output += "," }
                first = false
                newline(style, indent + 1, &output)
                writeString(key, to: &output)
                output += style == .pretty ? ": " : ":"
                write(member, style: style, indent: indent + 1, to: &output)
            }
            newline(style, indent, &output)
            output += "}"
        }
    }

    private static func newline(_ style: Style, _ indent: Int, _ output: inout String) {
        guard style == .pretty else { return }
        output += "\n"
        output += String(repeating: "  ", count: indent)
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        // Most strings need no escaping; append them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let digits = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
