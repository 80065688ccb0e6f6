import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// The scheduler's two lanes in one run: plain cases on the transfer loop, streamed cases on
/// worker threads, exclusive cases of both kinds. Whatever the lanes, cases report in plan
/// order, an exclusive case runs alone, and no more than `--parallel` cases are in flight.
@Suite("Scheduler lanes")
struct SchedulerLaneTests {
    /// Case `index` of a suite: every 5th streamed, every 7th exclusive (so some are both).
    static func caseJSON(_ index: Int) -> String {
        let streamed = index % 5 == 2
        let exclusive = index % 7 == 3
        let path = (exclusive ? "/x" : "/p") + (streamed ? "/s/" : "/n/") + "\(index)"
        let expect = streamed ? #"{"status": 200, "stream": {"deadline": "5s"}}"# : #"{"status": 200}"#
        return #"{"name": "c\#(index)", "exclusive": \#(exclusive), "request": {"path": "\#(path)"}, "#
            + #""expect": \#(expect)}"#
    }

    /// One loop per two cores, never more loops than cases in flight.
    @Test func layoutFollowsTheCores() {
        #expect(LaneLayout(parallelism: 1, cores: 2) == LaneLayout(loops: 1))
        #expect(LaneLayout(parallelism: 8, cores: 2) == LaneLayout(loops: 1))
        #expect(LaneLayout(parallelism: 8, cores: 1) == LaneLayout(loops: 1))
        #expect(LaneLayout(parallelism: 8, cores: 8) == LaneLayout(loops: 4))
        #expect(LaneLayout(parallelism: 3, cores: 16) == LaneLayout(loops: 3))
        #expect(LaneLayout(parallelism: 0, cores: 4).loops == 1)
    }

    /// Every parallelism with one, two and three loops: the layouts machines of different sizes get.
    @Test(arguments: [1, 3, 8], [1, 2, 3])
    func mixedLanesKeepOrderExclusivityAndTheLimit(parallel: Int, loops: Int) throws {
        let directory = try TemporaryDirectory()
        let count = 40
        let file = try directory.write(
            #"{"name": "mixed", "cases": [\#((0..<count).map(Self.caseJSON).joined(separator: ",\n"))]}"#,
            to: "Suites/mixed.jsonc")
        let wire = PlanStreamingTests.Wire()
        let server = try LoopbackServer(script: [.serve { wire.handle($0) }])
        let plan = try PlanStreamingTests.planner(server.baseURL, budget: 1_000).plan(files: [file])
        let context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: directory.url), environment: [:])
        let runner = Runner(
            plan: plan, context: context, parallelism: parallel,
            layout: LaneLayout(loops: min(loops, parallel)))
        let result = runner.run(observers: [])

        #expect(result.cases.map(\.name) == (0..<count).map { "c\($0)" })
        #expect(result.summary.passed == count, "\(result.cases.filter { $0.verdict != .passed }.map(\.name))")
        // Streamed cases went through the stream check (a worker's client), the others did not.
        let streamed = result.cases.filter { $0.steps.first?.exchanges.first?.stream != nil }.map(\.name)
        #expect(streamed == (0..<count).filter { $0 % 5 == 2 }.map { "c\($0)" })
        #expect(wire.overlaps.isEmpty)
        #expect(wire.requestCount == count)
        #expect(wire.concurrency <= parallel)
        // The server holds each request 2 ms, so cases the scheduler lets overlap do overlap.
        if parallel > 1 { #expect(wire.concurrency > 1) }
    }
}
