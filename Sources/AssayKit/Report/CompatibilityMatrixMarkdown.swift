/// The compatibility matrix as Markdown: one row per clause, one column per target, each cell its
/// verdict, its counts and the one-line reason, then each target's score and where it ran.
public enum CompatibilityMatrixMarkdown {
    /// The document for `matrix`; an empty `title` leaves out the heading, for embedding in a page.
    public static func render(_ matrix: CompatibilityMatrix, title: String = "Compatibility matrix") -> String {
        var lines: [String] = []
        if !title.isEmpty { lines += ["# \(TextEscaping.markdownCell(title))", ""] }
        lines.append(
            "Each cell is the worst verdict among the clause's cases on that target, with the counts and the reason"
                + " given by the case that decided it.")
        lines.append("")
        lines.append(
            "| clause | " + matrix.columns.map { TextEscaping.markdownCell($0.name) }.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---|", count: matrix.columns.count))
        for row in matrix.rows {
            let cells = row.cells.map(cell)
            lines.append("| \(TextEscaping.markdownCell(row.clause)) | " + cells.joined(separator: " | ") + " |")
        }
        let scores = matrix.columns.map { column in
            var text = "\(column.passedClauses)/\(column.scoredClauses) clauses"
            if column.notExercisedClauses > 0 { text += ", \(column.notExercisedClauses) not exercised" }
            return "**\(text)**"
        }
        lines.append("| **score** | " + scores.joined(separator: " | ") + " |")
        lines += ["", "Runs:", ""]
        for column in matrix.columns {
            var facts = "- **\(TextEscaping.markdownCell(column.name))**: `\(TextEscaping.markdownCode(column.target))`"
            facts += ", \(column.mode.rawValue) mode; \(TextEscaping.markdownCell(column.score))"
            if column.interrupted { facts += " (the run was interrupted: only the cases that finished are counted)" }
            lines.append(facts)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `❌ failed (1 failed, 3 passed of 4): trace/on a 500: status: expected 500, got 200`.
    static func cell(_ cell: CompatibilityMatrix.Cell) -> String {
        let head = "\(symbol(cell.verdict)) \(cell.label)"
        guard cell.verdict != nil else { return head }
        let counts = " (\(cell.counts.text))"
        if cell.verdict == .passed { return head + counts }
        return head + counts + ": " + TextEscaping.markdownCell(cell.reason)
    }

    /// A sign per verdict, so the table reads at a glance (and without colour).
    static func symbol(_ verdict: Verdict?) -> String {
        switch verdict {
        case .passed: "✅"
        case .failed: "❌"
        case .error: "⛔"
        case .notExercised: "⚪"
        case .skipped: "➖"
        case .notRun: "⏸"
        case nil: "·"
        }
    }
}
