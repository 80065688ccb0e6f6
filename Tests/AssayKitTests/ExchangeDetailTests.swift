import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// What a run keeps of each step: passing steps keep the summary only (so memory stays flat on big
/// runs), steps that did not pass keep checks, headers and bodies, and `keepsPassingDetails` (`-v`,
/// `--keep-passing`) keeps the checks and headers of passing steps too.
@Suite struct ExchangeDetailTests {
    static let suite = """
        {
          "name": "detail",
          "cases": [
            { "name": "passes", "request": { "path": "/a" }, "expect": { "status": 200 } },
            { "name": "fails", "request": { "path": "/b" }, "expect": { "status": 201 } }
          ]
        }
        """

    /// Answers every request with the same small JSON body and an `X-Marker` header.
    static func server() throws -> LoopbackServer {
        try LoopbackServer(script: [
            .readRequest,
            .write(
                LoopbackServer.response(
                    headers: [("Content-Type", "application/json"), ("X-Marker", "m1"), ("Connection", "close")],
                    body: #"{"ok":true}"#)),
        ])
    }

    func run(keepsPassingDetails: Bool) throws -> RunResult {
        let server = try Self.server()
        let folder = try TemporaryDirectory()
        let suiteFile = try folder.write(Self.suite, to: "detail.jsonc")
        let plan = try Planner(target: server.baseURL, environment: [:]).plan(try SuiteLoader.loadAll([suiteFile]))
        var context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder.url),
            environment: [:])
        context.keepsPassingDetails = keepsPassingDetails
        return Runner(plan: plan, context: context).run(observers: [])
    }

    @Test func passingStepsKeepTheSummaryFailingStepsEverything() throws {
        let result = try run(keepsPassingDetails: false)
        let cases = result.suites.flatMap(\.cases)
        let passing = try #require(cases.first { $0.name == "passes" }?.steps.first?.exchanges.first)
        let failing = try #require(cases.first { $0.name == "fails" }?.steps.first?.exchanges.first)

        #expect(passing.request.method == "GET" && passing.request.url.hasSuffix("/a"))
        #expect(passing.response?.status == 200)
        #expect(passing.response?.bodyBytes == 11)
        #expect(passing.request.headers == nil && passing.response?.headers == nil)
        #expect(passing.response?.body == nil)
        let passingStep = try #require(cases.first { $0.name == "passes" }?.steps.first)
        #expect(passingStep.checks.isEmpty && passingStep.checksPassed == 1, "a passing step keeps the count only")
        let failingStep = try #require(cases.first { $0.name == "fails" }?.steps.first)
        #expect(failingStep.checks.contains { !$0.passed && $0.kind == "status" })
        #expect(failingStep.checksPassed == nil)

        #expect(failing.response?.headers?.contains { $0.name == "X-Marker" && $0.value == "m1" } == true)
        #expect(failing.response?.body == #"{"ok":true}"#)
        #expect(failing.request.headers != nil)

        // The JSON report says "not recorded" by leaving the member out, not with an empty list.
        let json = JSONReport.render(result)
        #expect(json.contains(#""X-Marker""#))
        #expect(json.components(separatedBy: #""headers""#).count - 1 == 2, "only the failing exchange has headers")
    }

    @Test func keepingPassingExchangesKeepsTheirHeaders() throws {
        let result = try run(keepsPassingDetails: true)
        let passing = try #require(
            result.suites.first?.cases.first { $0.name == "passes" }?.steps.first?.exchanges.first)
        #expect(passing.response?.headers?.contains { $0.name == "X-Marker" } == true)
        #expect(passing.request.headers != nil)
        #expect(passing.response?.body == nil, "bodies stay for steps that did not pass")
        let step = try #require(result.suites.first?.cases.first { $0.name == "passes" }?.steps.first)
        #expect(step.checks.map(\.kind) == ["status"] && step.checksPassed == nil)
    }

    /// A stream record is boxed inside the exchange record but coded as a plain `stream` member.
    @Test func streamRecordRoundTripsThroughJSON() throws {
        let result = try run(keepsPassingDetails: false)
        var record = try #require(result.suites.first?.cases.first?.steps.first?.exchanges.first)
        let plain = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        #expect(!plain.contains(#""stream""#))

        record.stream = StreamRecord(
            events: [.init(offsetMs: 12, type: "message", heartbeat: false)], timeToFirstEventMs: 12,
            maxHeartbeatGapMs: nil, maxEventGapMs: 3, terminatorSeen: true)
        let data = try JSONEncoder().encode(record)
        #expect(String(decoding: data, as: UTF8.self).contains(#""stream":{"#))
        let decoded = try JSONDecoder().decode(ExchangeRecord.self, from: data)
        #expect(decoded.stream?.events.first?.type == "message")
        #expect(decoded.stream?.terminatorSeen == true)
        #expect(decoded.response?.status == 200)
    }

    /// Passing checks are given their messages only when they may be shown: a step that does not pass
    /// shows every check, so its passing checks are described too, whatever made it fail.
    @Test func passingChecksOfAStepThatFailsAreDescribed() throws {
        let suite = """
            {
              "name": "described",
              "cases": [
                { "name": "status fails", "request": { "path": "/a" },
                  "expect": { "status": 201, "headers": { "X-Marker": "m1" }, "body": { "ok": true } } },
                { "name": "capture fails", "request": { "path": "/b" },
                  "expect": { "status": 200, "headers": { "X-Marker": "{{string}}" } },
                  "capture": { "missing": "/nope" } },
                { "name": "passes", "request": { "path": "/c" }, "expect": { "status": 200 } }
              ]
            }
            """
        let server = try Self.server()
        let folder = try TemporaryDirectory()
        let plan = try Planner(target: server.baseURL, environment: [:]).plan(
            try SuiteLoader.loadAll([try folder.write(suite, to: "described.jsonc")]))
        func steps(keepsPassingDetails: Bool) -> [String: StepResult] {
            var context = RunContext(
                target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder.url), environment: [:])
            context.keepsPassingDetails = keepsPassingDetails
            let cases = Runner(plan: plan, context: context).run(observers: []).suites.flatMap(\.cases)
            return Dictionary(uniqueKeysWithValues: cases.compactMap { run in run.steps.first.map { (run.name, $0) } })
        }

        let judged = steps(keepsPassingDetails: false)
        let statusFails = try #require(judged["status fails"])
        #expect(statusFails.verdict == .failed)
        #expect(
            statusFails.checks.map(\.message) == [
                "status: expected 201, got 200 OK", "X-Marker: \"m1\"", "body matches (exact)",
            ])
        let captureFails = try #require(judged["capture fails"])
        #expect(captureFails.verdict == .failed)
        #expect(captureFails.checks.map(\.kind) == ["status", "header", "capture"])
        #expect(captureFails.checks.filter(\.passed).map(\.message) == ["status 200", "X-Marker: {{string}}"])
        #expect(judged["passes"]?.checks.isEmpty == true && judged["passes"]?.checksPassed == 1)

        // Kept passing details describe a passing step's checks as they are judged.
        #expect(steps(keepsPassingDetails: true)["passes"]?.checks.map(\.message) == ["status 200"])
    }
}
