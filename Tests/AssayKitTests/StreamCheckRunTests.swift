import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// Healthy streams pass end to end, and the content checks (event data, reassembly) fail precisely.
@Suite struct StreamCheckRunTests {
    /// The chat stream the tests serve: role chunk, "Hello world" in four deltas, finish chunk, `[DONE]`.
    static let chat = SSEFixtures.chatStream(deltas: StreamWire.chatDeltas)

    /// A non-streamed Chat Completions answer with `content`.
    static func chatAnswer(_ content: String) -> LoopbackServer.Step {
        .write(
            LoopbackServer.response(
                headers: [("Content-Type", "application/json")],
                body:
                    #"{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"\#(content)"}}]}"#
            ))
    }

    /// A healthy chat stream with pings through a pending phase longer than the heartbeat ceiling
    /// (so the heartbeat rule is exercised) passes every rule, the run stops at `[DONE]` although the
    /// server holds the connection open for 20 s, and the non-streamed answer matches.
    @Test func healthyChatStreamPasses() throws {
        // 11 pings 100 ms apart: at least 1 s pending, above the 900 ms ceiling; each gap far below it.
        let stream: [LoopbackServer.Step] =
            [.readRequest, StreamWire.head()]
            + [.repeatWrite(LoopbackServer.chunk(": ping\n\n"), intervalMilliseconds: 100, count: 11)]
            + StreamWire.frames(Self.chat, gap: 30)
            + [.sleep(milliseconds: 20_000), StreamWire.end]
        let server = try LoopbackServer(scripts: [stream, [.readRequest, Self.chatAnswer("Hello world")]])
        let step = try StreamRun().run(
            expect: """
                {"status": 200, "contentType": "text/event-stream", "stream": {
                  "preset": "chat", "maxTimeToHead": "3s", "maxTimeToFirstEvent": "5s", "maxHeartbeatGap": "900ms",
                  "maxEventGap": "2s", "deadline": "15s",
                  "events": [{"index": 0, "data": {"object": "chat.completion.chunk", "choices": [{"delta": {"role": "assistant"}}]}},
                             {"index": -1, "data": "[DONE]"}],
                  "reassemble": {"equals": "${answer}", "matchesNonStream": {}}
                }}
                """, server: server)
        #expect(step.failures.map(\.message) == [])
        #expect(step.verdict == .passed)
        // Well under the 20 s the server keeps the connection open after [DONE].
        #expect(step.durationMs < 10_000)
        let record = try #require(step.exchanges.first?.stream)
        #expect(record.terminator == "[DONE]")
        #expect(record.endReason == "stopped by the runner (terminator seen)")
        #expect(record.heartbeatCount == 11)
        #expect(record.realEventCount == 7)
        #expect(record.reassembledText == "Hello world")
        #expect(record.events.count == 18)
        #expect(record.events.first.map { $0.kind == "comment" && $0.heartbeat } == true)
        #expect(step.checks.contains { $0.passed && $0.message.hasPrefix("stream: 7 real events, 11 heartbeats") })
        // The non-streamed comparison went out with `"stream": false` and is recorded as a second exchange.
        #expect(step.exchanges.count == 2)
        let second = try JSONParser.parseValue(try #require(server.requests.last?.body))
        #expect(second["stream"] == .bool(false))
    }

    /// A healthy Responses stream passes the preset's order, sequence and terminator rules and the event matches.
    @Test func healthyResponsesStreamPasses() throws {
        let server = try LoopbackServer(
            script: StreamWire.stream(SSEFixtures.responsesStream(deltas: StreamWire.chatDeltas)))
        let step = try StreamRun().run(
            expect: """
                {"status": 200, "stream": {"preset": "responses", "deadline": "10s",
                  "events": [{"type": "response.completed", "data": {"response": {"id": "resp_1"}}},
                             {"type": "response.output_text.delta", "occurrence": 1, "data": {"delta": "lo"}}],
                  "reassemble": {"equals": "Hello world"}}}
                """, server: server)
        #expect(step.failures.map(\.message) == [])
        let record = try #require(step.exchanges.first?.stream)
        #expect(record.terminator == "response.completed")
        #expect(record.realEventCount == 12)
    }

    /// The streamed text differs from the non-streamed answer: the finding names the path and the first differing character.
    @Test func reassemblyMismatchAgainstNonStreamAnswer() throws {
        let server = try LoopbackServer(scripts: [
            StreamWire.stream(Self.chat), [.readRequest, Self.chatAnswer("Hello World")],
        ])
        let step = try StreamRun().run(
            expect: #"{"stream": {"preset": "chat", "reassemble": {"matchesNonStream": {"body": {"stream": false}}}}}"#,
            server: server)
        let finding = try #require(step.findings("reassembly").first)
        #expect(finding.message.contains("differs from the non-streamed answer at choices[0].message.content"))
        #expect(finding.message.contains("character 6 (line 1, column 7)"))
        #expect(finding.location?.line == 8)
        #expect(step.failures.count == 1)
        #expect(server.requests.count == 2)
    }

    /// `equals` with a different string fails with the position of the first difference.
    @Test func reassemblyMismatchAgainstString() throws {
        let server = try LoopbackServer(script: StreamWire.stream(Self.chat))
        let step = try StreamRun().run(
            expect: #"{"stream": {"preset": "chat", "reassemble": {"equals": "Hello there"}}}"#, server: server)
        let finding = try #require(step.findings("reassembly").first)
        #expect(finding.message.contains("texts differ at character 6"))
        #expect(step.failures.count == 1)
    }

    /// A missing text golden is recorded from the reassembled text with `--record missing`, then matches.
    @Test func reassemblyGoldenRecordsThenMatches() throws {
        let server = try LoopbackServer(script: StreamWire.stream(Self.chat))
        let run = try StreamRun()
        let file = try run.writeSuite(
            expect: #"{"stream": {"preset": "chat", "reassemble": {"golden": "stream/chat-text.txt"}}}"#)
        let missing = try run.run(file, server: server)
        #expect(missing.findings("reassembly").first?.message.contains("does not exist") == true)
        let recorded = try run.run(file, server: server, record: .missing)
        #expect(recorded.failures.count == 0)
        let text = try String(
            contentsOf: run.goldens.appendingPathComponent("stream/chat-text.txt"), encoding: .utf8)
        #expect(text.hasPrefix("Hello world"))
        let matched = try run.run(file, server: server)
        #expect(matched.verdict == .passed)
    }

    /// Event data is compared as a subset by default and exactly when asked; the exact one reports the extra member.
    @Test func eventDataSubsetByDefaultExactOnRequest() throws {
        let server = try LoopbackServer(script: StreamWire.stream(Self.chat))
        let step = try StreamRun().run(
            expect: """
                {"stream": {"preset": "chat", "events": [
                  {"index": 0, "data": {"object": "chat.completion.chunk", "id": "{{regex:chatcmpl-[0-9]+}}"}},
                  {"index": 0, "data": {"object": "chat.completion.chunk"}, "compare": "exact"},
                  {"index": 1, "data": {"choices": [{"delta": {"content": "Bye"}}]}}
                ]}}
                """, server: server)
        let findings = step.findings("event_match")
        #expect(findings.count == 2)
        #expect(
            findings.contains {
                $0.message.contains("real event #0")
                    && $0.message.contains("$.id: unexpected member (strict comparison)")
            })
        #expect(
            findings.contains {
                $0.message.contains("real event #1") && $0.message.contains("$.choices[0].delta.content")
            })
    }
}
