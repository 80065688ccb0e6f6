import Foundation
import Testing

@testable import AssayKit

/// A score only where cases carry `clause:` tags: a plain suite's reports show counts, never a
/// clause table or a "compatibility" line restating its suite names.
@Suite struct ReportScoreScopeTests {
    /// The fixture run with every `clause:` tag taken off (other tags kept).
    static func plainRun() -> RunResult {
        var result = ReportFixtures.run()
        for suite in result.suites.indices {
            for index in result.suites[suite].cases.indices {
                result.suites[suite].cases[index].tags.removeAll { $0.hasPrefix(CompatibilityScore.tagPrefix) }
                result.suites[suite].cases[index].tags.append("smoke")
            }
        }
        return result
    }

    @Test func plainSuiteHasNoScoreInAnyReport() throws {
        let result = Self.plainRun()
        #expect(!CompatibilityScore(result).applies)
        let texts = ReportFixtures.artifacts(result, context: ReportContext(scoreLabel: "OpenAI"))
        for (name, text) in texts {
            #expect(!text.contains("compatibility"), "\(name) shows a score for a plain suite")
            #expect(!text.contains("clause"), "\(name) shows clauses for a plain suite")
        }
        let badge = try #require(texts[ReportFormat.badge.rawValue])
        #expect(badge.contains(">3/5</text>"), "the badge shows passed over ran")
        // JUnit without a score still validates (no empty <properties>).
        #expect(!texts[ReportFormat.junit.rawValue, default: ""].contains("<properties>"))
    }

    /// The same run with its tags: every report shows the score.
    @Test func taggedRunShowsTheScoreEverywhere() {
        let result = ReportFixtures.run()
        #expect(CompatibilityScore(result).applies)
        let texts = ReportFixtures.artifacts(result, context: ReportContext(scoreLabel: "OpenAI"))
        for format in [ReportFormat.junit, .json, .markdown, .html, .tap, .badge] {
            #expect(
                texts[format.rawValue, default: ""].contains("OpenAI compatibility: 1/3 clauses"),
                "\(format.rawValue) lacks the score")
        }
    }

    /// The console prints the score line only for a tagged run; the counts line stays last either way.
    @Test func consoleScoreLineOnlyWithTags() {
        for (result, tagged) in [(Self.plainRun(), false), (ReportFixtures.run(), true)] {
            var lines: [String] = []
            let console = ConsoleReporter(style: ConsoleStyle(colors: false), scoreLabel: "OpenAI") { lines.append($0) }
            console.runFinished(result)
            #expect(lines.last == result.summary.line)
            #expect(lines.contains { $0.contains("compatibility") } == tagged)
        }
    }
}
