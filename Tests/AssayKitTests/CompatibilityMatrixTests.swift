import Foundation
import Testing

@testable import AssayKit

/// The clause × target matrix from result trees: which case decides a cell, its counts and reason,
/// clauses a run lacks, and the escaping of both renderings.
@Suite("Compatibility matrix")
struct CompatibilityMatrixTests {
    typealias Fixtures = ReportFixtures

    static func run(target: String, _ cases: [CaseResult]) -> RunResult {
        RunResult(
            target: target, mode: .strict, startedAt: Fixtures.start, durationMs: 100,
            suites: [SuiteResult(name: "pack", file: "Suites/pack.jsonc", cases: cases)],
            summary: RunSummary(cases: cases), variables: [:], secretNames: [])
    }

    static func testCase(_ name: String, _ verdict: Verdict, clause: String, line: Int) -> CaseResult {
        Fixtures.testCase(suite: "pack", name: name, verdict: verdict, line: line, tags: ["clause:\(clause)"])
    }

    /// Three servers: one keeps every clause, one breaks trace, one cannot observe the stream and skips auth.
    static let matrix = CompatibilityMatrix([
        .init(
            name: "healthy",
            result: run(
                target: "http://127.0.0.1:1",
                [
                    testCase("a 200", .passed, clause: "trace", line: 1),
                    testCase("a 500", .passed, clause: "trace", line: 2),
                    testCase("heartbeat", .passed, clause: "stream", line: 3),
                    testCase("no token", .passed, clause: "auth", line: 4),
                ])),
        .init(
            name: "broken",
            result: run(
                target: "http://127.0.0.1:2",
                [
                    testCase("a 200", .passed, clause: "trace", line: 1),
                    testCase("a 500", .failed, clause: "trace", line: 2),
                    testCase("heartbeat", .error, clause: "stream", line: 3),
                    testCase("no token", .passed, clause: "auth", line: 4),
                ])),
        .init(
            name: "quiet",
            result: run(
                target: "http://127.0.0.1:3",
                [
                    testCase("a 200", .passed, clause: "trace", line: 1),
                    testCase("heartbeat", .notExercised, clause: "stream", line: 3),
                    testCase("no token", .skipped, clause: "auth", line: 4),
                    testCase("extra", .passed, clause: "only-here", line: 5),
                ])),
    ])

    @Test func rowsAreTheClausesOfEveryRunInTheOrderTheyFirstAppear() {
        #expect(Self.matrix.rows.map(\.clause) == ["trace", "stream", "auth", "only-here"])
        #expect(Self.matrix.columns.map(\.name) == ["healthy", "broken", "quiet"])
        #expect(Self.matrix.rows.allSatisfy { $0.cells.count == 3 })
    }

    @Test func aCellIsItsWorstCaseWithTheCountsAndThatCasesReason() throws {
        let trace = try #require(Self.matrix.rows.first { $0.clause == "trace" })
        #expect(trace.cells[0].verdict == .passed)
        #expect(trace.cells[0].counts.text == "2 passed of 2")
        let broken = trace.cells[1]
        #expect(broken.verdict == .failed)
        #expect(broken.worstCase == "pack/a 500")
        #expect(broken.counts.text == "1 failed, 1 passed of 2")
        // The reason is the failed check's own line, on one line and redacted as the report was.
        #expect(broken.reason.hasPrefix("pack/a 500: body: 2 differences"))
        #expect(!broken.reason.contains("\n"))
        #expect(!broken.reason.contains(Fixtures.secret))
        // The quiet server ran one trace case only: counts say so.
        #expect(trace.cells[2].counts.text == "1 passed of 1")
    }

    @Test func aCaseThatCouldNotRunOutranksAndIsNamedNotExecuted() throws {
        let stream = try #require(Self.matrix.rows.first { $0.clause == "stream" })
        #expect(stream.cells[1].verdict == .error)
        #expect(stream.cells[1].label == "not executed")
        #expect(stream.cells[1].reason.contains("could not execute"))
        #expect(stream.cells[2].verdict == .notExercised)
        #expect(stream.cells[2].label == "not exercised")
        #expect(stream.cells[2].reason.contains("nothing was pending"))
    }

    @Test func skippedAndAbsentClausesSayWhy() throws {
        let auth = try #require(Self.matrix.rows.first { $0.clause == "auth" })
        #expect(auth.cells[2].verdict == .skipped)
        #expect(auth.cells[2].reason == "not on this target")
        let onlyHere = try #require(Self.matrix.rows.first { $0.clause == "only-here" })
        #expect(onlyHere.cells[0].verdict == nil)
        #expect(onlyHere.cells[0].label == "not run")
        #expect(onlyHere.cells[2].verdict == .passed)
    }

    @Test func columnsCarryEachRunsScore() {
        let columns = Self.matrix.columns
        #expect(columns[0].passedClauses == 3 && columns[0].scoredClauses == 3)
        #expect(columns[1].passedClauses == 1 && columns[1].scoredClauses == 3)
        #expect(columns[2].notExercisedClauses == 1)
        #expect(columns[2].score == "Contract compatibility: 2/2 clauses, 1 not exercised")
    }

    @Test func aLongReasonIsCutToOneLine() {
        let long = String(repeating: "word ", count: 200) + "\nend"
        let line = CompatibilityMatrix.oneLine(long)
        #expect(line.count == CompatibilityMatrix.reasonLimit)
        #expect(line.hasSuffix("…"))
        #expect(!line.contains("\n"))
    }

    @Test func markdownHasOneRowPerClauseAndEscapesCells() {
        var cases = [Self.testCase("pipe", .failed, clause: "a|b <c>", line: 1)]
        cases[0].steps[0].checks[1].message = "expected `x` | got <y>"
        let matrix = CompatibilityMatrix([.init(name: "srv|1", result: Self.run(target: "http://h", cases))])
        let markdown = CompatibilityMatrixMarkdown.render(matrix)
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }
        // Header, one clause, score.
        #expect(rows.count == 3)
        #expect(rows[0] == "| clause | srv\\|1 |")
        #expect(
            rows[1].hasPrefix("| a\\|b &lt;c&gt; | ❌ failed (1 failed of 1): pack/pipe: expected `x` \\| got &lt;y&gt;")
        )
        #expect(rows[2] == "| **score** | **0/1 clauses** |")
        #expect(!CompatibilityMatrixMarkdown.render(matrix, title: "").contains("# "))
    }

    @Test func htmlIsWellFormedAndEscapesEveryText() {
        var cases = [Self.testCase("<script>alert(1)</script>", .failed, clause: "x&y", line: 1)]
        cases[0].steps[0].checks[1].message = "got \"<b>\""
        let matrix = CompatibilityMatrix([.init(name: "<srv>", result: Self.run(target: "http://h/?a=1&b=2", cases))])
        let html = CompatibilityMatrixHTML.render(matrix)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<srv>"))
        #expect(html.contains("&lt;srv&gt;"))
        #expect(html.contains("class=\"fail\""))
        // XHTML-compatible: an XML parser reads the page.
        let (parsed, error) = Markup.parses(html)
        #expect(parsed, "\(error)")
    }
}
