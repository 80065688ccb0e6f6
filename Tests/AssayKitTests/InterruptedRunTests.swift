import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// The runner's side of an interruption: a snapshot taken while cases are in flight (what a
/// second signal writes) lists every case, and a cancelled run delivers every case of the
/// plan, those it did not finish as `notRun`, to the observers and in the result.
@Suite struct InterruptedRunTests {
    final class Recorder: RunObserver, @unchecked Sendable {
        // @unchecked: the runner calls observers from one thread at a time.
        var finished: [(Int, Verdict)] = []
        func caseFinished(_ result: CaseResult, index: Int, of total: Int) { finished.append((index, result.verdict)) }
        func runFinished(_ result: RunResult) {}
    }

    static func plan(target: String, cases: Int, in directory: TemporaryDirectory) throws -> RunPlan {
        let list = (0..<cases).map {
            #"{ "name": "case \#($0)", "request": { "path": "/\#($0)" }, "expect": { "status": 200 } }"#
        }
        let path = try directory.write(
            #"{ "name": "silent", "cases": [ "# + list.joined(separator: ",") + " ] }", to: "silent.jsonc")
        return try Planner(target: target, environment: [:]).plan(try SuiteLoader.loadAll([path]))
    }

    @Test func snapshotAndCancelListEveryCase() throws {
        let server = try LoopbackServer(script: [.readRequest, .readBytes(1 << 30)])
        defer { server.stop() }
        var transport = TransportOptions()
        transport.totalTimeout = .seconds(60)
        let folder = try TemporaryDirectory()
        let context = RunContext(
            target: server.baseURL, mode: .strict, transport: transport, goldens: GoldenStore(root: folder.url),
            environment: [:])
        let plan = try Self.plan(target: server.baseURL, cases: 7, in: folder)
        // One loop lane: the two cases in flight are the plan's first two.
        let runner = Runner(
            plan: plan, context: context, parallelism: 2, layout: LaneLayout(loops: 1))
        let recorder = Recorder()
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        Thread.detachNewThread {
            box.result = runner.run(observers: [recorder])
            done.signal()
        }
        let deadline = Date().addingTimeInterval(30)
        while server.requests.count < 2, Date() < deadline { usleep(2_000) }
        // While two cases wait on the target: the second signal's view of the run.
        let snapshot = runner.snapshot()
        #expect(snapshot.interrupted)
        #expect(snapshot.cases.map(\.name) == (0..<7).map { "case \($0)" })
        #expect(snapshot.summary.notRun == 7)
        runner.cancel()
        done.wait()
        let result = try #require(box.result)
        #expect(result.interrupted)
        #expect(result.cases.map(\.name) == (0..<7).map { "case \($0)" })
        #expect(result.cases.allSatisfy { $0.verdict == .notRun })
        #expect(result.cases.prefix(2).allSatisfy { $0.reason == CaseResult.cutShortReason })
        #expect(result.cases.dropFirst(2).allSatisfy { $0.reason == CaseResult.neverStartedReason })
        #expect(recorder.finished.map(\.0) == Array(0..<7))
        #expect(result.summary.line == "0 passed, 0 failed, 0 skipped, 7 not run")
    }

    final class ResultBox: @unchecked Sendable {
        // @unchecked: written by the run's thread before the semaphore, read after it.
        var result: RunResult?
    }
}
