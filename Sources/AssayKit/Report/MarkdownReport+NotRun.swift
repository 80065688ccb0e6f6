extension MarkdownReport {
    /// How many not-run cases the Markdown names; the JSON, JUnit, TAP and HTML reports list them all.
    /// The Markdown report also goes to a GitHub job summary, whose size is capped.
    static let notRunListed = 500

    /// `## Not run`: the cases an interrupted run did not run (or cut short), by name, with why.
    static func notRun(_ result: RunResult) -> String {
        let cases = result.cases.filter { $0.verdict == .notRun }
        guard !cases.isEmpty else { return "" }
        var lines = ["## Not run", ""]
        for testCase in cases.prefix(notRunListed) {
            let name = TextEscaping.markdownCode("\(testCase.suite) / \(testCase.name)")
            lines.append("- `\(name)`: \(TextEscaping.markdownCell(testCase.reason ?? "not run"))")
        }
        if cases.count > notRunListed { lines.append("- … and \(cases.count - notRunListed) more") }
        return lines.joined(separator: "\n") + "\n"
    }
}
