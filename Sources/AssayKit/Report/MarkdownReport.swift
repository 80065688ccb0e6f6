import Foundation

/// The Markdown health report (also appended to GitHub's job summary): counts and pass
/// rate, the compatibility score by clause, a per-suite table, every failure with its
/// diff and repro, the slowest cases with p50/p95/max, and the trend from the history.
public enum MarkdownReport {
    /// The report for `result` in `context`.
    public static func render(_ result: RunResult, context: ReportContext = ReportContext()) -> String {
        var parts = [header(result, context: context), clauses(result, label: context.scoreLabel), suites(result)]
        parts.append(failures(result))
        parts.append(notRun(result))
        parts.append(retried(result))
        parts.append(timing(result))
        parts.append(trend(context.trend(result)))
        return parts.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    static func header(_ result: RunResult, context: ReportContext) -> String {
        let summary = result.summary
        let ran = summary.passed + summary.failed + summary.errors
        var lines = ["# Assay report", ""]
        lines.append(
            "**\(summary.line)** · pass rate \(percent(summary.passed, of: ran)) · \(seconds(result.durationMs))")
        lines.append("")
        let score = CompatibilityScore(result, label: context.scoreLabel)
        if score.applies { lines += ["**\(TextEscaping.markdownCell(score.line))**", ""] }
        var facts = [
            "target `\(TextEscaping.markdownCode(result.target))`", "\(result.mode.rawValue) mode", result.tool,
        ]
        if let shard = result.shard { facts.append("shard \(shard)") }
        if let revision = context.revision {
            facts.append("revision `\(TextEscaping.markdownCode(String(revision.prefix(12))))`")
        }
        lines.append(facts.joined(separator: " · "))
        if summary.errors > 0 { lines += ["", "⚠️ \(summary.errors) case(s) could not be executed."] }
        if result.interrupted {
            lines += ["", "⚠️ The run was interrupted: \(summary.notRun) case(s) did not run (listed under *Not run*)."]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func clauses(_ result: RunResult, label: String) -> String {
        let score = CompatibilityScore(result, label: label)
        guard score.applies, !score.clauses.isEmpty else { return "" }
        var lines = [
            "## Compatibility by clause", "", "| clause | verdict | cases passed | failing |", "|---|---|---|---|",
        ]
        let ordered = score.clauses.filter { !$0.passed } + score.clauses.filter(\.passed)
        for clause in ordered {
            let verdict =
                switch clause.verdict {
                case .passed: "✅ holds"
                case .failed, .error: "❌ broken"
                case .notExercised: "⚪ not exercised"
                case .skipped, .notRun: "skipped"
                }
            let failing = (clause.failing + clause.notExercised).prefix(5).map { "`\(TextEscaping.markdownCode($0))`" }
                .joined(separator: ", ")
            let listed = clause.failing.count + clause.notExercised.count
            let more = listed > 5 ? " and \(listed - 5) more" : ""
            lines.append(
                "| \(TextEscaping.markdownCell(clause.name)) | \(verdict) | \(clause.passedCases)/\(clause.cases) | \(failing)\(more) |"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func suites(_ result: RunResult) -> String {
        var lines = [
            "## Suites", "", "| suite | file | passed | failed | errors | skipped | not exercised | time |",
            "|---|---|--:|--:|--:|--:|--:|--:|",
        ]
        for suite in result.suites {
            let counts = RunSummary(cases: suite.cases)
            let time = suite.cases.reduce(0) { $0 + $1.durationMs }
            lines.append(
                "| \(TextEscaping.markdownCell(suite.name)) | `\(TextEscaping.markdownCode(suite.file))` | \(counts.passed) | \(counts.failed) | \(counts.errors) | \(counts.skipped) | \(counts.notExercised) | \(milliseconds(time)) |"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every case sent more than once, with how its attempts went: a pass on attempt 5 of 5 is
    /// a pass, and also a target that was nearly too slow.
    static func retried(_ result: RunResult) -> String {
        let retried = result.cases.compactMap { testCase in testCase.attemptsLine.map { (testCase, $0) } }
        guard !retried.isEmpty else { return "" }
        var lines = ["## Retried", "", "| case | attempts |", "|---|---|"]
        for (testCase, line) in retried {
            lines.append(
                "| \(TextEscaping.markdownCell(testCase.suite)) / \(TextEscaping.markdownCell(testCase.name)) | \(TextEscaping.markdownCell(line)) |"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func failures(_ result: RunResult) -> String {
        let bad = result.cases.filter { $0.verdict == .failed || $0.verdict == .error }
        guard !bad.isEmpty else { return "" }
        var lines = ["## Failures", ""]
        for testCase in bad {
            let outcome = testCase.verdict == .error ? "could not be executed" : "failed"
            lines.append(
                "### ❌ \(TextEscaping.markdownCell(testCase.suite)) / \(TextEscaping.markdownCell(testCase.name)) (\(outcome))"
            )
            lines.append("")
            lines.append("at `\(TextEscaping.markdownCode(testCase.location.description))`")
            lines.append("")
            if let reason = testCase.reason, testCase.steps.isEmpty { lines += fenced(reason, info: "text") }
            for step in testCase.steps where step.verdict == .failed || step.verdict == .error {
                if testCase.steps.count > 1 { lines += ["step **\(TextEscaping.markdownCell(step.name))**", ""] }
                var diff: [String] = []
                if let error = step.error { diff.append(error) }
                for check in step.checks where check.failed {
                    diff.append(check.message + (check.location.map { "  (\($0))" } ?? ""))
                    diff += check.details.prefix(50).map { "  " + $0 }
                    if check.details.count > 50 { diff.append("  … \(check.details.count - 50) more") }
                }
                for exchange in step.exchanges {
                    if let response = exchange.response {
                        diff.append("response: HTTP/\(response.httpVersion) \(response.status) \(response.reason)")
                        if let body = response.body, !body.isEmpty { diff.append("  " + ExchangeText.excerpt(body)) }
                    }
                }
                lines += fenced(diff.joined(separator: "\n"), info: "text")
                if let curl = step.curl { lines += ["Reproduce:", ""] + fenced(curl, info: "sh") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func timing(_ result: RunResult) -> String {
        let stats = TimingStats(result)
        guard stats.count > 0 else { return "" }
        var lines = ["## Timing", ""]
        lines.append(
            "p50 \(milliseconds(stats.p50)) · p95 \(milliseconds(stats.p95)) · max \(milliseconds(stats.max)) over \(stats.count) case(s)"
        )
        lines += ["", "| slowest cases | time | at |", "|---|--:|---|"]
        for entry in stats.slowest {
            lines.append(
                "| \(TextEscaping.markdownCell(entry.name)) | \(milliseconds(entry.durationMs)) | `\(TextEscaping.markdownCode(entry.location.description))` |"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func trend(_ trend: TrendAnalysis) -> String {
        guard trend.runs.count > 1 else {
            return "## Trend\n\nNo earlier runs in the history yet (use `--history FILE`).\n"
        }
        var lines = ["## Trend over the last \(trend.runs.count) runs", ""]
        lines += [
            "| run | revision | passed | failed | skipped | pass rate | duration |", "|---|---|--:|--:|--:|--:|--:|",
        ]
        let formatter = ISO8601DateFormatter()
        for run in trend.runs.reversed() {
            let revision = run.revision.map { "`\(TextEscaping.markdownCode(String($0.prefix(12))))`" } ?? "—"
            let ran = run.passed + run.failed + run.errors
            lines.append(
                "| \(formatter.string(from: run.time)) | \(revision) | \(run.passed) | \(run.failed + run.errors) | \(run.skipped) | \(percent(run.passed, of: ran)) | \(seconds(run.durationMs)) |"
            )
        }
        for (title, names) in [
            ("Newly failing", trend.newlyFailing), ("Newly passing", trend.newlyPassing),
            ("Flaky (verdict changed with no code change)", trend.flaky),
        ] {
            lines += [
                "",
                "**\(title):** "
                    + (names.isEmpty
                        ? "none" : names.map { "`\(TextEscaping.markdownCode($0))`" }.joined(separator: ", ")),
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Text helpers

    /// A fenced block whose fence is longer than any backtick run inside, so no content can close it.
    static func fenced(_ text: String, info: String) -> [String] {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return [fence + info, TextEscaping.terminal(text), fence, ""]
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : String(format: "%.1f %%", Double(part) * 100 / Double(whole))
    }

    static func milliseconds(_ value: Double) -> String { String(format: "%.1f ms", value) }
    static func seconds(_ value: Double) -> String { String(format: "%.2f s", value / 1000) }
}
