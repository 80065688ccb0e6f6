import Foundation
import Testing

@testable import AssayKit

/// The run history file and the trend drawn from it.
@Suite struct ReportHistoryTests {
    static func entry(_ minute: Int, revision: String?, _ cases: [String: Verdict]) -> HistoryEntry {
        var summary = RunSummary()
        for verdict in cases.values { summary.add(verdict) }
        return HistoryEntry(
            time: Date(timeIntervalSince1970: 1_780_000_000 + Double(minute) * 60), revision: revision,
            passed: summary.passed,
            failed: summary.failed, errors: summary.errors, skipped: summary.skipped, durationMs: 100, cases: cases)
    }

    /// Appending past the limit keeps exactly the newest N runs, oldest first, and they read back unchanged.
    @Test func trimmingKeepsNewest() {
        var entries: [HistoryEntry] = []
        for minute in 0..<60 {
            entries = RunHistory.appending(
                Self.entry(minute, revision: "r\(minute)", ["s/a": .passed]), to: entries, limit: 50)
        }
        #expect(entries.count == 50)
        #expect(entries.first?.revision == "r10" && entries.last?.revision == "r59")
        let text = RunHistory.render(entries, limit: 50)
        #expect(text.split(separator: "\n").count == 50)
        #expect(RunHistory.parse(text) == entries)
        #expect(RunHistory.render(entries, limit: 5).split(separator: "\n").count == 5)
    }

    /// A damaged line (a torn write, a hand edit) is skipped, not fatal to the rest.
    @Test func damagedLineSkipped() {
        let text =
            RunHistory.render([Self.entry(0, revision: "a", ["s/a": .passed])]) + "{\"time\": broken\n"
            + RunHistory.render([Self.entry(1, revision: "b", ["s/a": .failed])])
        #expect(RunHistory.parse(text).map(\.revision) == ["a", "b"])
    }

    /// Flaky means the verdict changed between consecutive runs of the same known revision;
    /// a change across revisions, or where either revision is unknown, is not flaky.
    @Test func flakyDetectionAcrossCraftedHistory() {
        let history = [
            Self.entry(
                0, revision: "aaa", ["s/flaky": .passed, "s/fixed": .failed, "s/broken": .passed, "s/nil": .passed]),
            Self.entry(
                1, revision: "aaa", ["s/flaky": .failed, "s/fixed": .failed, "s/broken": .passed, "s/nil": .passed]),
            Self.entry(
                2, revision: "bbb", ["s/flaky": .passed, "s/fixed": .passed, "s/broken": .passed, "s/nil": .passed]),
            Self.entry(
                3, revision: nil, ["s/flaky": .passed, "s/fixed": .passed, "s/broken": .passed, "s/nil": .failed]),
            Self.entry(
                4, revision: "ccc", ["s/flaky": .passed, "s/fixed": .passed, "s/broken": .error, "s/nil": .passed]),
        ]
        let trend = TrendAnalysis(history, window: 10)
        #expect(trend.flaky == ["s/flaky"])
        #expect(trend.newlyFailing == ["s/broken"])
        #expect(trend.newlyPassing == ["s/nil"])
        // A skipped verdict is neither a pass nor a fail, so it makes nothing flaky.
        let skipped = TrendAnalysis([
            Self.entry(0, revision: "x", ["s/a": .passed]), Self.entry(1, revision: "x", ["s/a": .skipped]),
            Self.entry(2, revision: "x", ["s/a": .passed]),
        ])
        #expect(skipped.flaky.isEmpty)
        // The window bounds what is looked at: the flip in runs 0→1 falls outside the last 3 runs.
        #expect(TrendAnalysis(history, window: 3).flaky.isEmpty)
    }

    /// The Markdown report shows the trend for the current run against the history, revision included.
    @Test func markdownShowsTrend() {
        let result = ReportFixtures.run()
        let earlier = [
            Self.entry(
                0, revision: "rev1", ["chat/rejects bad key, 100%: yes": .passed, "models/unreachable": .failed]),
            Self.entry(
                1, revision: "rev1", ["chat/rejects bad key, 100%: yes": .passed, "models/unreachable": .passed]),
        ]
        let markdown = MarkdownReport.render(
            result, context: ReportContext(history: earlier, revision: "rev1", trendWindow: 10))
        #expect(markdown.contains("## Trend over the last 3 runs"))
        #expect(markdown.contains("**Newly failing:** `chat/rejects bad key, 100%: yes`, `models/unreachable`"))
        #expect(
            markdown.contains(
                "**Flaky (verdict changed with no code change):** `chat/rejects bad key, 100%: yes`, `models/unreachable`"
            ))
    }

    /// The history writer appends to the file and keeps it bounded across runs.
    @Test func historyFileWriterAppendsAndTrims() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assay-history-\(UUID().uuidString).jsonl"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = HistoryFileWriter(path: path, limit: 3, revision: "abc")
        for _ in 0..<5 { writer.runFinished(ReportFixtures.run()) }
        let entries = HistoryFileWriter.read(path)
        #expect(entries.count == 3)
        #expect(
            entries.allSatisfy { $0.revision == "abc" && $0.cases["models/unreachable"] == .error && $0.passed == 3 })
    }

    /// The revision comes from ASSAY_REVISION first, then GITHUB_SHA.
    @Test func revisionFromEnvironment() {
        #expect(ReportContext.revision(from: ["GITHUB_SHA": "g", "ASSAY_REVISION": "a"]) == "a")
        #expect(ReportContext.revision(from: ["GITHUB_SHA": "g"]) == "g")
        #expect(ReportContext.revision(from: [:]) == nil)
    }
}
