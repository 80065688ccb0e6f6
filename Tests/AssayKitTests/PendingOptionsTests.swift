import Testing

@testable import AssayKit

/// A `replay`, `rateLimit` or `stream` block is decoded once, when the suite is read; only the
/// options written with suite variables wait for the plan, which decodes them with the block's own
/// decoder. The variables may come from the suite (after its cases), the config or the command line.
@Suite("Pending options")
struct PendingOptionsTests {
    static let suite = """
        {
          "name": "pending",
          "cases": [
            {"name": "ttl", "request": {"path": "/r", "method": "POST", "body": {"a": 1}},
             "replay": {"times": 3, "ttl": "${ttl}", "mismatch": {"status": 409, "envelope": "${envelope}"}}},
            {"name": "burst", "request": {"path": "/l"}, "rateLimit": {"budget": "${budget}", "coolDown": false}},
            {"name": "sse", "request": {"path": "/s"},
             "expect": {"stream": {"preset": "${preset}", "deadline": "2s",
                                   "events": [{"index": 0, "data": {"id": "${id}"}}]}}}
          ],
          "variables": {"ttl": "1.5s", "envelope": "problem", "budget": "7", "preset": "chat", "id": "evt-1"}
        }
        """

    @Test("options without variables are decoded as the suite is read; the others wait")
    func decodedOnceWithPendingOptions() throws {
        let suite = try SuiteDecoder.decode(source: Self.suite, file: "pending.jsonc")
        let replay = try #require(suite.cases[0].replay)
        #expect(replay.times == 3)
        #expect(replay.ttlMs == nil)
        #expect(replay.pending?.members.map(\.key) == ["ttl", "mismatch"])
        let rateLimit = try #require(suite.cases[1].rateLimit)
        #expect(rateLimit.coolDown == false)
        #expect(rateLimit.pending?.members.map(\.key) == ["budget"])
        // A pending preset is the base of every option, so the whole block waits with it; `events`
        // is resolved per run and never makes a block pending by itself.
        let stream = try #require(suite.cases[2].steps[0].expect.stream)
        #expect(stream.pending?.members.map(\.key) == ["preset", "deadline", "events"])
        #expect(suite.cases.allSatisfy { $0.hasPendingOptions })
    }

    @Test("the plan decodes pending options with the block's own rules and decides `exclusive` again")
    func planResolvesPendingOptions() throws {
        let suite = try SuiteDecoder.decode(source: Self.suite, file: "pending.jsonc")
        let plan = try Planner(target: "http://127.0.0.1:9", environment: [:]).plan([suite])
        let cases = plan.suites[0].cases
        let replay = try #require(cases[0].replay)
        #expect(replay.ttlMs == 1500)
        #expect(replay.times == 3)
        #expect(replay.mismatch?.envelope == .problem)
        #expect(replay.mismatch?.status.accepts(409) == true)
        #expect(replay.pending == nil)
        // A TTL wait makes the case run alone, and the TTL was only known at plan time.
        #expect(cases[0].exclusive)
        #expect(try #require(cases[1].rateLimit).budget == 7)
        let stream = try #require(cases[2].steps[0].expect.stream)
        #expect(stream.preset == .chat)
        #expect(stream.terminator != nil)
        #expect(stream.deadline == .milliseconds(2000))
        // Event data keeps its references: they are resolved per run (they may name captures).
        var texts: [String] = []
        stream.events[0].data.forEachString { texts.append($0.text) }
        #expect(texts == ["${id}"])
        #expect(!cases.contains { $0.hasPendingOptions })
    }

    @Test("a pending option with a bad value is a plan error at the option, with the decoder's message")
    func badPendingValue() throws {
        let suite = try SuiteDecoder.decode(source: Self.suite, file: "pending.jsonc")
        var planner = Planner(target: "http://127.0.0.1:9", environment: [:])
        planner.commandLineVariables = [(name: "budget", value: "900", secret: false)]
        let error = try #require(throws: DiagnosticList.self) { try planner.plan([suite]) }
        let problem = try #require(error.diagnostics.first)
        #expect(problem.message.contains("`budget`"))
        #expect(problem.location?.line == 6)
    }

    @Test("an unknown key next to a pending option is rejected as the suite is read")
    func unknownKeyRejectedAtRead() {
        let text = """
            {"name": "s", "cases": [{"name": "c", "request": {"path": "/"},
              "rateLimit": {"budget": "${b}", "budgett": 3}}]}
            """
        #expect(throws: Diagnostic.self) { try SuiteDecoder.decode(source: text, file: "s.jsonc") }
    }
}
