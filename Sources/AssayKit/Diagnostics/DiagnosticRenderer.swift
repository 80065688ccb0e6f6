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
        render(diagnostic) { path in source(path).map(SourceLines.init) }
    }

    /// Every diagnostic rendered, each file read and indexed once: a broken suite can have a
    /// thousand errors in one file, and reading it again for each took longer than loading it.
    public static func render(all diagnostics: [Diagnostic], source: (String) -> String? = readFile) -> [String] {
        var files: [String: SourceLines?] = [:]
        return diagnostics.map { diagnostic in
            render(diagnostic) { path in
                if let known = files[path] { return known }
                let lines = source(path).map(SourceLines.init)
                files[path] = lines
                return lines
            }
        }
    }

    private static func render(_ diagnostic: Diagnostic, lines source: (String) -> SourceLines?) -> String {
        var lines = ["error: \(diagnostic.message)"]
        if let location = diagnostic.location {
            lines.append("  --> \(location)")
            if let sourceLine = source(location.file)?.line(location.line) {
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

    public static func readFile(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }
}
