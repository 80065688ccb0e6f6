import Foundation

/// Renders a diagnostic the way compilers do, so the user sees the offending line:
///
///     error: unknown key `hedaers` in request; expected one of …
///       --> Suites/models.jsonc:12:9
///        |
///     12 |         "hedaers": {"Accept": "application/json"},
///        |         ^
///        = hint: did you mean `headers`?
public enum DiagnosticRenderer {
    /// The rendered text; `source` supplies file contents (defaults to reading the file).
    public static func render(_ diagnostic: Diagnostic, source: (String) -> String? = readFile) -> String {
        var lines = ["error: \(diagnostic.message)"]
        if let location = diagnostic.location {
            lines.append("  --> \(location)")
            if let text = source(location.file), let sourceLine = line(location.line, of: text) {
                let gutter = String(location.line)
                let pad = String(repeating: " ", count: gutter.count)
                let line = sourceLine.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: "")
                lines.append("\(pad) |")
                lines.append("\(gutter) | \(line)")
                lines.append("\(pad) | \(String(repeating: " ", count: max(0, location.column - 1)))^")
            }
        }
        if let hint = diagnostic.hint { lines.append("   = hint: \(hint)") }
        return lines.joined(separator: "\n")
    }

    /// Line `number` (1-based) of `text`, found by counting newline bytes: splitting a large suite
    /// into lines of characters to show one of them took longer than loading the suite.
    static func line(_ number: Int, of text: String) -> Substring? {
        guard number >= 1 else { return nil }
        let bytes = text.utf8
        var start = bytes.startIndex
        for _ in 1..<number {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = bytes.index(after: newline)
        }
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        return text[start..<end]
    }

    public static func readFile(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }
}
