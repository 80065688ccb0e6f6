import Foundation

/// The compatibility matrix as one self-contained XHTML-compatible page (inline CSS, no scripts):
/// one row per clause, one column per target, each cell coloured by its verdict with its counts and
/// its one-line reason. Every piece of text is escaped.
public enum CompatibilityMatrixHTML {
    /// The page for `matrix`.
    public static func render(_ matrix: CompatibilityMatrix, title: String = "Compatibility matrix") -> String {
        let heading = title.isEmpty ? "Compatibility matrix" : title
        var html = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(e(heading))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>\(e(heading))</h1>
            <p class="meta">Each cell is the worst verdict among the clause's cases on that target, with the counts \
            and the reason given by the case that decided it.</p>
            <table>
            <tr><th>clause</th>
            """
        for column in matrix.columns {
            html +=
                "<th>\(e(column.name))<br/><small><code>\(e(column.target))</code> · \(e(column.mode.rawValue))</small></th>"
        }
        html += "</tr>\n"
        for row in matrix.rows {
            html += "<tr><th class=\"clause\">\(e(row.clause))</th>"
            for cell in row.cells { html += self.cell(cell) }
            html += "</tr>\n"
        }
        html += "<tr><th>score</th>"
        for column in matrix.columns {
            var text = "\(column.passedClauses)/\(column.scoredClauses) clauses"
            if column.notExercisedClauses > 0 { text += ", \(column.notExercisedClauses) not exercised" }
            if column.interrupted { text += " (interrupted run)" }
            html += "<td class=\"score\">\(e(text))</td>"
        }
        html += "</tr>\n</table>\n</body>\n</html>\n"
        return html
    }

    static func cell(_ cell: CompatibilityMatrix.Cell) -> String {
        var html = "<td class=\"\(css(cell.verdict))\"><span class=\"verdict\">\(e(cell.label))</span>"
        if cell.verdict != nil { html += " <small>\(e(cell.counts.text))</small>" }
        if cell.verdict != .passed { html += "<div class=\"reason\">\(e(cell.reason))</div>" }
        return html + "</td>"
    }

    static func css(_ verdict: Verdict?) -> String {
        switch verdict {
        case .passed: "pass"
        case .failed: "fail"
        case .error: "error"
        case .notExercised: "nex"
        case .skipped: "skip"
        case .notRun: "notrun"
        case nil: "absent"
        }
    }

    static func e(_ text: String) -> String { TextEscaping.xml(text) }

    static let style = """
        body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:90em;padding:0 1em;color:#222}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}.meta{color:#666}
        table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}
        th.clause{white-space:nowrap}.verdict{font-weight:600}.reason{font-size:12.5px;color:#444;max-width:28em}
        td.pass{background:#dafbe1}td.fail{background:#ffebe9}td.error{background:#ffd8d3}td.nex{background:#eaeef2}
        td.skip{background:#fff8c5}td.notrun{background:#eee}td.absent{color:#888}td.score{font-weight:600}
        """
}
