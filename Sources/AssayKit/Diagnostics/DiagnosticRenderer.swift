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
                let (shown, caret) = window(line, column: location.column)
                lines.append("\(pad) |")
                lines.append("\(gutter) | \(shown)")
                lines.append("\(pad) | \(String(repeating: " ", count: caret))^")
            }
        }
        if let hint = diagnostic.hint { lines.append("   = hint: \(hint)") }
        return lines.joined(separator: "\n")
    }

    /// The widest source excerpt shown; a longer line (a minified or generated file) is cut to a
    /// window around the column, so one diagnostic never prints a megabyte.
    static let maximumExcerpt = 120

    /// The part of `line` to show and the caret's offset in it, for a 1-based `column`.
    static func window(_ line: String, column: Int) -> (text: String, caret: Int) {
        let offset = max(0, column - 1)
        guard line.count > maximumExcerpt else { return (line, offset) }
        let characters = Array(line)
        let start = max(0, min(offset - maximumExcerpt / 3, characters.count - maximumExcerpt))
        let end = min(characters.count, start + maximumExcerpt)
        let lead = start > 0 ? "…" : ""
        let text = lead + String(characters[start..<end]) + (end < characters.count ? "…" : "")
        return (text, offset - start + lead.count)
    }

    public static func readFile(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }
}
