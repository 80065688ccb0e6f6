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

/// An exclusive case that waits (a replay key's TTL) lets the other cases send while it waits, and
/// none of its requests overlaps theirs. The wait ends on a readiness signal, not a time: once
/// every plain case was answered, which can only happen if they ran during the wait.
@Suite("Scheduler sleeps")
struct SchedulerSleepTests {
    @Test(arguments: [1, 4])
    func othersSendWhileAnExclusiveCaseWaits(parallel: Int) throws {
        let directory = try TemporaryDirectory()
        let plain = 12
        let cases =
            [
                #"{"name": "ttl", "request": {"path": "/x/ttl", "method": "POST", "body": {"a": 1}}, "#
                    + #""replay": {"marker": false, "mismatch": false, "ttl": "5s"}}"#
            ] + (0..<plain).map { #"{"name": "p\#($0)", "request": {"path": "/p/n/\#($0)"}}"# }
        let file = try directory.write(
            #"{"name": "sleeps", "cases": [\#(cases.joined(separator: ",\n"))]}"#, to: "Suites/sleeps.jsonc")
        let wire = PlanStreamingTests.Wire()
        let plainAnswered = DispatchSemaphore(value: 0)
        wire.onRequest = { path in if path.hasPrefix("/p/") { plainAnswered.signal() } }
        let server = try LoopbackServer(script: [.serve { wire.handle($0) }])
        let plan = try PlanStreamingTests.planner(server.baseURL, budget: 1_000).plan(files: [file])
        let context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: directory.url), environment: [:])
        let waits = Waits()
        // One bound for the whole wait, so a scheduler that held the plain cases back fails, not hangs.
        let deadline = DispatchTime.now() + 30
        let runner = Runner(
            plan: plan, context: context, parallelism: parallel, layout: LaneLayout(loops: 1),
            pause: { milliseconds in
                waits.add(milliseconds)
                // At --parallel 1 the sleeping case holds the only place: nothing else can run.
                guard parallel > 1 else { return }
                for _ in 0..<plain { _ = plainAnswered.wait(timeout: deadline) }
            })
        let result = runner.run(observers: [])

        #expect(result.cases.map(\.name) == ["ttl"] + (0..<plain).map { "p\($0)" })
        // One wait, for the TTL (plus the conversation's margin), on the scheduler's clock.
        #expect(waits.values.count == 1 && waits.values.allSatisfy { $0 >= 5_000 })
        #expect(wire.overlaps.isEmpty)
        let paths = wire.requestedPaths
        let exclusive = paths.indices.filter { paths[$0].hasPrefix("/x/") }
        // Request 1, its replay, the control without the key (identity alone proves no replay),
        // then one after the TTL.
        #expect(exclusive.count == 4)
        #expect(result.cases.first?.verdict == .passed)
        // The three requests before the wait come first (the longest sleeper starts first); the
        // plain cases ran during the wait, or (at --parallel 1) after the case.
        let beforeWait = Array(exclusive.prefix(3))
        #expect(beforeWait == [0, 1, 2])
        let last = try #require(exclusive.last)
        #expect(last == (parallel > 1 ? paths.count - 1 : 3))
    }

    final class Waits: @unchecked Sendable {
        // @unchecked: guarded by `lock`.
        private let lock = NSLock()
        private var recorded: [Double] = []
        func add(_ value: Double) { lock.withLock { recorded.append(value) } }
        var values: [Double] { lock.withLock { recorded } }
    }
}
