import Foundation
import Testing

@testable import AssayKit

/// The verdict "not exercised" in every output: never counted as a pass or a failure, always
/// with its reason.
@Suite struct NotExercisedReportTests {
    static let reason = "stream: not exercised: the first event came at once, nothing was pending"

    /// The fixture run plus one case that could not observe its contract, in a clause of its own.
    static func run() -> RunResult {
        var result = ReportFixtures.run()
        let unobserved = ReportFixtures.testCase(
            suite: "chat", name: "heartbeat while pending", verdict: .notExercised, line: 70,
            tags: ["clause:heartbeat"])
        result.suites[0].cases.append(unobserved)
        result.summary = RunSummary(cases: result.cases)
        return result
    }

    /// A step is not exercised when a check had nothing to observe and none failed; a failure outranks it.
    @Test func stepAndCaseVerdicts() {
        let pass = CheckResult.pass("status", "status 200")
        let unobserved = CheckResult.notExercised("stream", Self.reason)
        let broken = CheckResult.fail("stream", "stream: framing")
        #expect(!unobserved.passed && !unobserved.failed && unobserved.wasNotExercised)
        #expect(StepResult.verdict(of: [pass, unobserved]) == .notExercised)
        #expect(StepResult.verdict(of: [pass, unobserved, broken]) == .failed)
        #expect(StepResult.verdict(of: [pass]) == .passed)
        #expect(Verdict.passed.combined(with: .notExercised) == .notExercised)
        #expect(Verdict.notExercised.combined(with: .failed) == .failed)
        #expect(Self.run().cases[4].notExercisedReason == Self.reason)
    }

    /// Its own count; the last line keeps `N passed, N failed` first; alone it exits 0.
    @Test func summaryLineAndExitCode() {
        let summary = Self.run().summary
        #expect(summary.notExercised == 1 && summary.passed == 3)
        #expect(summary.line == "3 passed, 2 failed, 1 skipped, 1 not exercised")
        var alone = RunSummary()
        alone.add(.passed)
        alone.add(.notExercised)
        #expect(alone.exitCode == ExitCode.success)
        #expect(alone.line == "1 passed, 0 failed, 0 skipped, 1 not exercised")
        var lines: [String] = []
        ConsoleReporter(style: ConsoleStyle(colors: false)) { lines.append($0) }
            .caseFinished(Self.run().cases[4], index: 4, of: 7)
        #expect(lines.first?.contains("not exercised: \(Self.reason)") == true, "\(lines)")
    }

    /// The score counts the clause apart: not held, not broken, and its line says so.
    @Test func compatibilityScore() {
        let score = CompatibilityScore(Self.run(), label: "OpenAI")
        let clause = score.clauses.first { $0.name == "heartbeat" }
        #expect(clause?.verdict == .notExercised && clause?.passed == false && clause?.scored == false)
        #expect(clause?.notExercised == ["chat/heartbeat while pending: \(Self.reason)"])
        #expect(score.passed == 1 && score.total == 3 && score.notExercised == 1)
        #expect(score.line == "OpenAI compatibility: 1/3 clauses, 1 not exercised")
    }

    /// JUnit `skipped` and TAP `# SKIP`, both saying "not exercised: …"; Markdown and HTML name it.
    @Test func fileReports() throws {
        let result = Self.run()
        let junit = JUnitReport.render(result)
        #expect(junit.contains("<skipped message=\"not exercised: \(Self.reason)\"/>"))
        #expect(junit.contains("skipped=\"2\""), "skipped and not exercised, on the suites element")
        let (parsed, problem) = Markup.parses(junit)
        #expect(parsed, "\(problem)")
        let tap = TAPReport.render(result)
        #expect(tap.contains("ok 5 - chat / heartbeat while pending # SKIP not exercised: \(Self.reason)"))
        #expect(tap.hasSuffix("# 3 passed, 2 failed, 1 skipped, 1 not exercised\n"))
        let markdown = MarkdownReport.render(result)
        #expect(markdown.contains("| heartbeat | ⚪ not exercised |"))
        #expect(markdown.contains("| not exercised |"))
        let html = HTMLReport.render(result)
        #expect(html.contains("<span class=\"nex\">1 not exercised</span>"))
        #expect(html.contains("<p class=\"nex\">not exercised: \(Self.reason)</p>"))
        #expect(Markup.parses(html).0)
    }

    /// The JSON report names the verdict and the count, under a bumped schema, and reads back;
    /// the history and a merge keep it.
    @Test func jsonHistoryAndMerge() throws {
        let result = Self.run()
        let json = JSONReport.render(result)
        #expect(RunResult.schemaVersion == 3)
        #expect(json.contains("\"verdict\" : \"notExercised\"") || json.contains("\"verdict\":\"notExercised\""))
        let read = try JSONReport.read(Data(json.utf8))
        #expect(read.summary.notExercised == 1)
        #expect(read.cases[4].steps[0].checks.last?.wasNotExercised == true)
        let entry = HistoryEntry(result, revision: "abc")
        #expect(entry.notExercised == 1 && entry.cases["chat/heartbeat while pending"] == .notExercised)
        #expect(RunHistory.parse(RunHistory.render([entry])) == [entry])
        var first = result
        first.suites = [result.suites[0]]
        first.shard = "1/2"
        first.summary = RunSummary(cases: first.cases)
        var second = result
        second.suites = [result.suites[1]]
        second.shard = "2/2"
        second.summary = RunSummary(cases: second.cases)
        let merged = try ReportMerger.merge([first, second])
        #expect(merged.summary == result.summary)
    }
}

/// A precondition step that fails makes its case not exercised, but only for its own expectation.
@Suite struct PreconditionStepTests {
    static func step(_ checks: [CheckResult]) -> StepResult {
        StepResult(
            name: "the 500 is provoked", location: nil, verdict: StepResult.verdict(of: checks), exchanges: [],
            checks: checks, captures: [:], curl: nil, error: nil, durationMs: 1)
    }

    /// The failed status becomes the reason, naming the precondition; a passing step is left alone.
    @Test func unmetPreconditionIsNotExercised() {
        var step = Self.step([.fail("status", "status: expected 5xx, got 404 Not Found")])
        step.markPreconditionUnmet()
        #expect(step.verdict == .notExercised)
        #expect(
            step.checks.map(\.message) == [
                "precondition `the 500 is provoked` did not hold: status: expected 5xx, got 404 Not Found"
            ])
        var held = Self.step([.pass("status", "status 500")])
        held.markPreconditionUnmet()
        #expect(held.verdict == .passed)
    }

    /// A trace check on the precondition's exchange is the trace clause's contract: it still fails.
    @Test func traceChecksKeepFailing() {
        var step = Self.step([
            .fail("status", "status: expected 5xx, got 404 Not Found"),
            .fail("trace", "trace: the 404 carries no X-Trace-Id"),
        ])
        step.markPreconditionUnmet()
        #expect(step.verdict == .failed)
        #expect(step.checks.map(\.failed) == [false, true])
    }
}
