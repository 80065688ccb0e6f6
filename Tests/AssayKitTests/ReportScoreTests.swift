import Foundation
import Testing

@testable import AssayKit

/// The compatibility score, the console summary, Markdown and JSON reports.
@Suite struct ReportScoreTests {
    /// Each clause holds exactly when every case of it that ran passed, recomputed here from the verdicts.
    @Test func scoreMatchesVerdicts() {
        let result = ReportFixtures.run()
        let score = CompatibilityScore(result, label: "OpenAI")
        #expect(score.clauses.map(\.name) == ["streaming", "auth-envelope", "legacy", "models"])
        for clause in score.clauses {
            let members = result.cases.filter { CompatibilityScore.clauseNames(of: $0).contains(clause.name) }
            let ran = members.filter { $0.verdict != .skipped }
            #expect(clause.passed == (!ran.isEmpty && ran.allSatisfy { $0.verdict == .passed }), "\(clause.name)")
            #expect(clause.cases == ran.count)
        }
        #expect(score.passed == 1 && score.total == 3)
        #expect(score.line == "OpenAI compatibility: 1/3 clauses")
    }

    /// A case with two clause tags counts in both; a case without one counts in its suite.
    @Test func clauseAssignment() {
        var testCase = ReportFixtures.testCase(
            suite: "s", name: "c", verdict: .passed, line: 1, tags: ["clause:a", "smoke", "clause:b"])
        #expect(CompatibilityScore.clauseNames(of: testCase) == ["a", "b"])
        testCase.tags = ["smoke"]
        #expect(CompatibilityScore.clauseNames(of: testCase) == ["s"])
    }

    /// The console prints the score on the line before the counts, and the counts line is last and exact.
    @Test func consoleSummaryLines() {
        var lines: [String] = []
        let console = ConsoleReporter(style: ConsoleStyle(colors: false), scoreLabel: "OpenAI") { lines.append($0) }
        console.runFinished(ReportFixtures.run())
        #expect(lines.last == "3 passed, 2 failed, 1 skipped")
        #expect(lines.dropLast().last == "OpenAI compatibility: 1/3 clauses")
    }

    /// Writing rounds, the console hands over each round's case lines in one text when the round is
    /// delivered, in order and complete, and a round not yet delivered when the run ends comes before
    /// the summary. Without it, every line goes out on its own as before.
    @Test func consoleWritesRoundsAtOnce() {
        let result = ReportFixtures.run()
        var writes: [String] = []
        let console = ConsoleReporter(style: ConsoleStyle(colors: false), writesRounds: true) { writes.append($0) }
        console.caseFinished(result.cases[0], index: 0, of: result.cases.count)
        console.caseFinished(result.cases[1], index: 1, of: result.cases.count)
        #expect(writes.isEmpty)
        console.casesDelivered()
        #expect(writes.count == 1)
        console.casesDelivered()
        #expect(writes.count == 1, "an empty round writes nothing")
        console.caseFinished(result.cases[2], index: 2, of: result.cases.count)
        console.runFinished(result)

        var lines: [String] = []
        let plain = ConsoleReporter(style: ConsoleStyle(colors: false)) { lines.append($0) }
        for (index, item) in result.cases.prefix(3).enumerated() {
            plain.caseFinished(item, index: index, of: result.cases.count)
        }
        #expect(lines.count > 3, "a failed case's details are a write of their own")
        plain.runFinished(result)
        #expect(writes.joined(separator: "\n") == lines.joined(separator: "\n"))
        #expect(writes.last == "3 passed, 2 failed, 1 skipped")
    }

    /// The JSON report carries schemaVersion and the score, and reads back as the same run.
    @Test func jsonReportRoundTrip() throws {
        let result = ReportFixtures.run()
        let text = JSONReport.render(result, scoreLabel: "OpenAI")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == RunResult.schemaVersion)
        let compatibility = try #require(object["compatibility"] as? [String: Any])
        #expect(compatibility["label"] as? String == "OpenAI")
        #expect(compatibility["passed"] as? Int == 1 && compatibility["total"] as? Int == 3)
        let clauses = try #require(compatibility["clauses"] as? [[String: Any]])
        #expect(clauses.map { $0["passed"] as? Bool } == [true, false, false, false])
        let back = try JSONReport.read(Data(text.utf8))
        #expect(back.cases.map(\.name) == result.cases.map(\.name))
        #expect(back.summary == result.summary)
        #expect(back.cases[0].steps[0].exchanges[0].stream?.events.count == 4)
    }

    /// The Markdown report has counts, pass rate, score, per-suite table, failure diffs, repro and percentiles.
    @Test func markdownSections() {
        let markdown = MarkdownReport.render(ReportFixtures.run(), context: ReportContext(scoreLabel: "OpenAI"))
        #expect(markdown.contains("**3 passed, 2 failed, 1 skipped** · pass rate 60.0 %"))
        #expect(markdown.contains("**OpenAI compatibility: 1/3 clauses**"))
        #expect(markdown.contains("| chat | `Suites/chat.jsonc` | 2 | 1 | 0 | 1 |"))
        #expect(markdown.contains("### ❌ chat / rejects bad key, 100%: yes (failed)"))
        #expect(markdown.contains("  /id: missing\nsecond line"))
        #expect(markdown.contains("```sh\ncurl "))
        #expect(markdown.contains("p50 20.0 ms · p95 230.0 ms · max 230.0 ms over 5 case(s)"))
        #expect(markdown.contains("| chat/streams &lt;tokens&gt; & \"quotes\" | 230.0 ms |"))
    }

    /// Nearest-rank percentiles over a known series.
    @Test func percentiles() {
        let values = (1...100).map(Double.init)
        #expect(TimingStats.percentile(50, of: values) == 50)
        #expect(TimingStats.percentile(95, of: values) == 95)
        #expect(TimingStats.percentile(95, of: [7]) == 7)
        #expect(TimingStats.percentile(50, of: []) == 0)
    }
}
