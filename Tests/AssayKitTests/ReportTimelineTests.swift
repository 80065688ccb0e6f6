import Foundation
import Testing

@testable import AssayKit

/// The run timeline: lanes from overlapping cases, the critical path the run's length hangs on,
/// exclusive cases marked, and streamed events on the same axis.
@Suite struct ReportTimelineTests {
    /// A case of `suite` starting `startMs` after the run and lasting `durationMs`.
    static func timed(
        _ name: String, startMs: Double, durationMs: Double, exclusive: Bool = false, stream: StreamRecord? = nil
    ) -> CaseResult {
        var testCase = ReportFixtures.testCase(
            suite: "t", name: name, verdict: .passed, line: 1, durationMs: durationMs, stream: stream)
        testCase.startedAt = ReportFixtures.start.addingTimeInterval(startMs / 1000)
        if exclusive { testCase.exclusive = true }
        for step in testCase.steps.indices {
            for exchange in testCase.steps[step].exchanges.indices {
                testCase.steps[step].exchanges[exchange].startedAt = testCase.startedAt
            }
        }
        return testCase
    }

    /// Two lanes: a (0–10) and b (0–30) in parallel; c (10–20) takes a's lane; d runs alone (30–50).
    static func run(_ cases: [CaseResult]) -> RunResult {
        let suites = [SuiteResult(name: "t", file: "t.jsonc", cases: cases)]
        return RunResult(
            target: "http://127.0.0.1:9", mode: .strict, startedAt: ReportFixtures.start, durationMs: 50,
            suites: suites, summary: RunSummary(cases: cases), variables: [:], secretNames: [])
    }

    static let cases = [
        timed("a", startMs: 0, durationMs: 10), timed("b", startMs: 0, durationMs: 30),
        timed("c", startMs: 10, durationMs: 10), timed("d", startMs: 30, durationMs: 20, exclusive: true),
    ]

    @Test func lanesAndCriticalPath() {
        let timeline = RunTimeline(Self.run(Self.cases))
        #expect(timeline.rows.map(\.testCase.name) == ["a", "b", "c", "d"])
        #expect(timeline.rows.map(\.lane) == [0, 1, 0, 0])
        #expect(timeline.lanes == 2)
        // d ends the run; it waited for b (the last to end before it started); b started the run.
        #expect(timeline.rows.map(\.critical) == [false, true, false, true])
        #expect(timeline.rows.map(\.exclusive) == [false, false, false, true])
        #expect(timeline.span == 50_000)
    }

    /// Every case is a row linking to its case section, placed by its start on the shared axis.
    @Test func htmlRowsLinkToCases() throws {
        let result = Self.run(Self.cases)
        let html = HTMLReport.render(result)
        let (parsed, error) = Markup.parses(html)
        #expect(parsed, "\(error)")
        let rows = html.matches(of: /<a class="tl-row([^"]*)" href="#([^"]+)"/)
        #expect(rows.count == 4)
        for (row, testCase) in zip(rows, result.cases) {
            #expect(String(row.output.2) == HTMLReport.anchor(testCase))
            #expect(html.contains("id=\"\(HTMLReport.anchor(testCase))\""))
        }
        #expect(rows.map { String($0.output.1) } == ["", " critical", "", " critical exclusive"])
        #expect(html.contains("left:60.00%;width:40.00%"), "d drawn from 30 ms to 50 ms of 50 ms")
    }

    /// A streamed case's events land at their own instants on the run's axis, and the widest gap
    /// between real events is drawn with the suite's ceiling.
    @Test func streamEventsOnTheSharedAxis() {
        var stream = ReportFixtures.stream
        stream.maxEventGapCeilingMs = 50
        let streamed = Self.timed("s", startMs: 100, durationMs: 250, stream: stream)
        let result = Self.run([Self.timed("first", startMs: 0, durationMs: 100), streamed])
        let timeline = RunTimeline(result)
        let row = timeline.rows[1]
        #expect(row.events.map(\.at) == [140_000, 190_000, 250_000, 310_000])
        #expect(row.events.map(\.heartbeat) == [false, true, false, false])
        // Real events at 140, 250, 310 ms: the widest gap is 140–250 ms, over the 50 ms ceiling.
        #expect(row.widestGap?.start == 140_000 && row.widestGap?.end == 250_000)
        let html = HTMLReport.render(result)
        #expect(html.contains("class=\"gap over\""))
        #expect(html.contains("class=\"ceiling\""))
        #expect(html.contains("widest gap between events 110.0 ms, ceiling 50.0 ms"))
    }
}
