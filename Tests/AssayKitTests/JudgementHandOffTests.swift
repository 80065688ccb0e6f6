import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// With few workers, a case's last response is judged on the scheduler's judging thread while the
/// worker sends the next request. That must not change any result: the same suite gives the same
/// verdicts, checks, captures and order whether judgements are handed off or not.
@Suite struct JudgementHandOffTests {
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

    func run(parallelism: Int, server: LoopbackServer) throws -> RunResult {
        let folder = try TemporaryDirectory()
        let file = try folder.write(Self.suite, to: "handoff.jsonc")
        let plan = try Planner(target: server.baseURL, environment: [:]).plan(try SuiteLoader.loadAll([file]))
        var context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder.url), environment: [:])
        context.keepsPassingDetails = true
        return Runner(plan: plan, context: context, parallelism: parallelism).run(observers: [])
    }

    /// What must not depend on where a judgement ran.
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

    @Test func handingOffJudgementsChangesNoResult() throws {
        #expect(Runner.defersJudgement(parallelism: 1))
        #expect(!Runner.defersJudgement(parallelism: 8))
        let server = try Self.server()
        let handedOff = try run(parallelism: 1, server: server)
        let inPlace = try run(parallelism: 8, server: server)

        #expect(Self.digest(handedOff) == Self.digest(inPlace))
        #expect(
            handedOff.suites.flatMap(\.cases).map(\.name) == [
                "passes", "wrong status", "skipped", "chain", "wrong body", "last passes",
            ])
        #expect(handedOff.summary.passed == 3 && handedOff.summary.failed == 2 && handedOff.summary.skipped == 1)
        let chain = try #require(handedOff.suites.first?.cases.first { $0.name == "chain" })
        #expect(chain.steps.last?.exchanges.first?.request.url.hasSuffix("/item/4/m7") == true)
        #expect(chain.steps.last?.captures["again"] == "m7")
        // A handed-off case is timed from its first request to the end of its judgement.
        #expect(handedOff.suites.flatMap(\.cases).allSatisfy { $0.verdict == .skipped || $0.durationMs > 0 })
    }
}
