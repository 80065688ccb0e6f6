import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// Plain cases run on the transfer loop, others on a worker's client, and both lanes drive the
/// same step path (`CaseProgress`). The lane may not change any result: the same suite gives the
/// same verdicts, checks, captures and order whichever way a case ran.
@Suite struct LaneEquivalenceTests {
    static let suite = """
        {
          "name": "handoff",
          "cases": [
            { "name": "passes", "request": { "path": "/item/1" }, "expect": { "status": 200, "body": { "id": "{{string}}" } } },
            { "name": "wrong status", "request": { "path": "/item/2" }, "expect": { "status": 201 } },
            { "name": "skipped", "skip": "not today", "request": { "path": "/item/3" }, "expect": { "status": 200 } },
            { "name": "chain", "steps": [
                { "name": "create", "request": { "path": "/item/4" }, "expect": { "status": 200 },
                  "capture": { "itemId": "/id", "marker": { "header": "X-Marker" } } },
                { "name": "read", "request": { "path": "/item/${itemId}/${marker}" }, "expect": { "status": 200 },
                  "capture": { "again": "/id" } }
            ] },
            { "name": "wrong body", "request": { "path": "/item/5" }, "expect": { "body": { "id": "other" } } },
            { "name": "last passes", "request": { "path": "/item/6" }, "expect": { "status": 200 } }
          ]
        }
        """

    /// Answers every request on a keep-alive connection with the request path as the `id`.
    static func server() throws -> LoopbackServer {
        try LoopbackServer(scripts: [
            [
                .serve { request in
                    LoopbackServer.response(
                        headers: [("Content-Type", "application/json"), ("X-Marker", "m7")],
                        body: #"{"id":"\#(request.target.split(separator: "/").last ?? "")"}"#)
                }
            ]
        ])
    }

    func plan(server: LoopbackServer, folder: TemporaryDirectory) throws -> (RunPlan, RunContext) {
        let file = try folder.write(Self.suite, to: "handoff.jsonc")
        let plan = try Planner(target: server.baseURL, environment: [:]).plan(try SuiteLoader.loadAll([file]))
        var context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder.url), environment: [:])
        context.keepsPassingDetails = true
        return (plan, context)
    }

    func run(parallelism: Int, server: LoopbackServer) throws -> RunResult {
        let (plan, context) = try plan(server: server, folder: try TemporaryDirectory())
        return Runner(plan: plan, context: context, parallelism: parallelism).run(observers: [])
    }

    /// Runs every case of the suite one at a time, on a worker's client or on a transfer loop.
    func runEachCase(onLoop: Bool, server: LoopbackServer) throws -> RunResult {
        let (plan, context) = try plan(server: server, folder: try TemporaryDirectory())
        let planned = try #require(plan.suites.first)
        let shared = SharedSuite(planned)
        let client = try #require(CurlClient())
        let loop = try #require(TransferLoop(connections: 1))
        var cases: [CaseResult] = []
        for testCase in planned.cases {
            var outcome: CaseResult?
            let job = Scheduler.Job(index: cases.count, suite: shared, testCase: testCase, failure: nil)
            if onLoop {
                LoopCaseRunner(context: SharedContext(context), redactor: plan.redactor).start(job, loop: loop) {
                    outcome = $0
                }
                for _ in 0..<100 where outcome == nil { loop.poll(timeout: .milliseconds(500)) }
            } else {
                outcome = CaseRunner(context: SharedContext(context), client: client).run(job, redactor: plan.redactor)
            }
            cases.append(try #require(outcome))
        }
        var result = RunResult(
            target: server.baseURL, mode: .strict, startedAt: Date(), durationMs: 0,
            suites: [SuiteResult(name: planned.suite.name, file: planned.suite.file, cases: cases)],
            summary: RunSummary(), variables: [:], secretNames: [], interrupted: false)
        for testCase in cases { result.summary.add(testCase.verdict) }
        return result
    }

    /// Case by case, on a worker's client or the transfer loop.
    @Test func theTransferLoopAndAWorkerGiveTheSameResults() throws {
        let server = try Self.server()
        let reference = Self.digest(try runEachCase(onLoop: false, server: server))
        #expect(reference.count == 6)
        #expect(Self.digest(try runEachCase(onLoop: true, server: server)) == reference)
    }

    /// What must not depend on the lane a case ran on.
    static func digest(_ result: RunResult) -> [String] {
        result.suites.flatMap(\.cases).map { testCase in
            let steps = testCase.steps.map { step in
                let checks = step.checks.map { "\($0.kind):\($0.passed):\($0.message)" }.joined(separator: ",")
                let captures = step.captures.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                return "\(step.name) \(step.verdict) [\(checks)] \(captures) \(step.exchanges.map(\.request.url))"
            }
            return "\(testCase.name) \(testCase.verdict) \(steps)"
        }
    }

    /// Through the whole runner, one case at a time or eight: the same results, in plan order.
    @Test func parallelismChangesNoResult() throws {
        let server = try Self.server()
        let oneAtATime = try run(parallelism: 1, server: server)
        let eightAtOnce = try run(parallelism: 8, server: server)

        #expect(Self.digest(oneAtATime) == Self.digest(eightAtOnce))
        #expect(
            oneAtATime.suites.flatMap(\.cases).map(\.name) == [
                "passes", "wrong status", "skipped", "chain", "wrong body", "last passes",
            ])
        #expect(oneAtATime.summary.passed == 3 && oneAtATime.summary.failed == 2 && oneAtATime.summary.skipped == 1)
        let chain = try #require(oneAtATime.suites.first?.cases.first { $0.name == "chain" })
        #expect(chain.steps.last?.exchanges.first?.request.url.hasSuffix("/item/4/m7") == true)
        #expect(chain.steps.last?.captures["again"] == "m7")
        // Every case that ran is timed.
        #expect(oneAtATime.suites.flatMap(\.cases).allSatisfy { $0.verdict == .skipped || $0.durationMs > 0 })
    }
}
