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
            if let text = source(location.file) {
                let sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false)
                if location.line >= 1 && location.line <= sourceLines.count {
                    let gutter = String(location.line)
                    let pad = String(repeating: " ", count: gutter.count)
                    let line = sourceLines[location.line - 1].replacingOccurrences(of: "\t", with: " ")
                        .replacingOccurrences(of: "\r", with: "")
                    lines.append("\(pad) |")
                    lines.append("\(gutter) | \(line)")
                    lines.append("\(pad) | \(String(repeating: " ", count: max(0, location.column - 1)))^")
                }
            }
        }
        if let hint = diagnostic.hint { lines.append("   = hint: \(hint)") }
        return lines.joined(separator: "\n")
    }

    public static func readFile(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }
}
