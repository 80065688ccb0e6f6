import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// Each stream rule against a loopback stream that breaks exactly that rule: the finding names the
/// rule and its numbers, and no other stream rule fires unless the fault implies it.
@Suite struct StreamCheckFaultTests {
    static let chat = SSEFixtures.chatStream(deltas: StreamWire.chatDeltas)
    static let errorFrame = #"data: {"error":{"message":"upstream overloaded","type":"server_error"}}"# + "\n\n"

    /// Responses frames of these types with the given sequence numbers (consecutive from 0 by default).
    static func responses(_ types: [String], sequence: [Int]? = nil) -> [String] {
        types.enumerated().map { SSEFixtures.responsesFrame($1, sequence: sequence?[$0] ?? $0) }
    }

    static let responsesOrder = [
        "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
        "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
        "response.content_part.done", "response.output_item.done", "response.completed",
    ]

    /// Silence after the head while the answer is pending: the watch stops at the heartbeat ceiling.
    @Test func noHeartbeatWhilePending() throws {
        let server = try LoopbackServer(
            script: [.readRequest, StreamWire.head(), .sleep(milliseconds: 3000)]
                + StreamWire.frames(Self.chat, gap: 10)
                + [StreamWire.end])
        let step = try StreamRun().run(
            expect: #"{"stream": {"preset": "chat", "maxHeartbeatGap": "300ms"}}"#, server: server)
        #expect(step.failedStreamRules == ["heartbeat_gap", "terminator"])
        let finding = try #require(step.findings("heartbeat_gap").first)
        #expect(finding.message.contains("exceeds ceiling 300 ms"))
        #expect(finding.message.contains("while waiting for the first event"))
        let gap = try #require(number(after: "heartbeat gap", in: finding.message))
        #expect(gap >= 300 && gap < 3000)
        #expect(step.exchanges.first?.stream?.endReason == "stopped by the runner (heartbeat_gap ceiling passed)")
        #expect(step.verdict == .failed)
    }

    /// Pings that come, but too slowly: the gap after the third ping breaks the ceiling.
    @Test func slowHeartbeat() throws {
        let pings = (0..<3).flatMap { _ in
            [StreamWire.send(": ping\n\n"), LoopbackServer.Step.sleep(milliseconds: 100)]
        }
        let server = try LoopbackServer(
            script: [.readRequest, StreamWire.head()] + pings + [.sleep(milliseconds: 3000)]
                + StreamWire.frames(Self.chat, gap: 10) + [StreamWire.end])
        let step = try StreamRun().run(
            expect: #"{"stream": {"preset": "chat", "maxHeartbeatGap": "600ms"}}"#, server: server)
        let finding = try #require(step.findings("heartbeat_gap").first)
        let gap = try #require(number(after: "heartbeat gap", in: finding.message))
        #expect(gap >= 600 && gap < 3000)
        #expect(step.exchanges.first?.stream?.heartbeatCount == 3)
    }

    /// Real events, then only pings: heartbeats do not reset the event clock, so the stall is caught.
    @Test func stallBehindPings() throws {
        let server = try LoopbackServer(
            script: [.readRequest, StreamWire.head()] + StreamWire.frames(Array(Self.chat.prefix(2)), gap: 10)
                + [
                    .repeatWrite(LoopbackServer.chunk(": ping\n\n"), intervalMilliseconds: 100, count: 50),
                    StreamWire.end,
                ])
        let step = try StreamRun().run(
            expect: #"{"stream": {"preset": "chat", "maxHeartbeatGap": "1s", "maxEventGap": "500ms"}}"#, server: server)
        #expect(step.failedStreamRules == ["event_gap", "terminator"])
        // The first event came at once: the heartbeat rule saw no pending phase and says so.
        #expect(step.notExercisedStreamRules == ["heartbeat_gap"])
        let finding = try #require(step.findings("event_gap").first)
        #expect(finding.message.contains("(ceiling 500 ms) after real event #1"))
        let gap = try #require(number(after: "no real event for", in: finding.message))
        #expect(gap >= 500 && gap < 4000)
    }

    /// A clean EOF without `[DONE]`: the terminator finding says how the stream ended and after how many events.
    @Test func missingDone() throws {
        let server = try LoopbackServer(
            script: StreamWire.stream(SSEFixtures.chatStream(deltas: StreamWire.chatDeltas, done: false)))
        let step = try StreamRun().run(expect: #"{"stream": {"preset": "chat"}}"#, server: server)
        #expect(step.failedStreamRules == ["terminator"])
        let message = try #require(step.findings("terminator").first?.message)
        #expect(message.contains("no terminator (expected data [DONE]); the stream ended by clean EOF"))
        #expect(message.contains("after 6 real events"))
    }

    /// A frame cut mid-JSON, then a clean EOF: the discarded event is reported, with the missing terminator.
    @Test func truncatedFrameAtCleanEOF() throws {
        let server = try LoopbackServer(
            script: [.readRequest, StreamWire.head()] + StreamWire.frames(Array(Self.chat.prefix(2)), gap: 10)
                + [StreamWire.send(#"data: {"id":"chatcmpl-1","cho"#), StreamWire.end])
        let step = try StreamRun().run(expect: #"{"stream": {"preset": "chat"}}"#, server: server)
        #expect(step.failedStreamRules == ["truncated_event", "terminator"])
        let truncated = try #require(step.findings("truncated_event").first?.message)
        #expect(truncated.contains("unterminated final event discarded"))
        #expect(truncated.contains("when the stream ended by clean EOF"))
        #expect(
            step.findings("terminator").first?.message.contains("an unterminated final event was discarded") == true)
    }

    /// The connection drops mid-stream (curl 18): a truncation finding, not a "could not execute" error.
    @Test func connectionCutMidStream() throws {
        let server = try LoopbackServer(
            script: [.readRequest, StreamWire.head()] + StreamWire.frames(Array(Self.chat.prefix(3)), gap: 10) + [
                .close
            ])
        let step = try StreamRun().run(expect: #"{"status": 200, "stream": {"preset": "chat"}}"#, server: server)
        #expect(step.verdict == .failed)
        #expect(step.error == nil)
        #expect(step.failedStreamRules == ["terminator"])
        let message = try #require(step.findings("terminator").first?.message)
        #expect(message.contains("connection cut (curl 18"))
        #expect(message.contains("after 3 real events"))
    }

    /// An error frame inside a 200 stream that still ends with `[DONE]` is caught.
    @Test func errorFrameInOKStream() throws {
        let frames = Array(Self.chat.prefix(2)) + [Self.errorFrame, "data: [DONE]\n\n"]
        let server = try LoopbackServer(script: StreamWire.stream(frames))
        let step = try StreamRun().run(expect: #"{"status": 200, "stream": {"preset": "chat"}}"#, server: server)
        #expect(step.failedStreamRules == ["error_frame"])
        let message = try #require(step.findings("error_frame").first?.message)
        #expect(message.contains("error frame in the stream at real event #2 (message)"))
        #expect(message.contains("\"upstream overloaded\""))
    }

    /// A 500 sent as `text/event-stream` with an error frame: the status and the error frame are both reported.
    @Test func serverErrorAsEventStream() throws {
        let server = try LoopbackServer(script: [
            .readRequest, StreamWire.head(status: 500), StreamWire.send(Self.errorFrame), StreamWire.end,
        ])
        let step = try StreamRun().run(expect: #"{"status": 200, "stream": {"preset": "chat"}}"#, server: server)
        #expect(step.failures.contains { $0.kind == "status" && $0.message.contains("500") })
        #expect(step.failedStreamRules == ["terminator", "error_frame"])
        #expect(step.findings("error_frame").first?.message.contains("upstream overloaded") == true)
    }

    /// A plain JSON answer to a streaming request: the content type is reported once, not as a pile of stream findings.
    @Test func wrongContentType() throws {
        let json = LoopbackServer.response(
            headers: [("Content-Type", "application/json")], body: #"{"object":"chat.completion","choices":[]}"#)
        let server = try LoopbackServer(script: [.readRequest, .write(json)])
        let step = try StreamRun().run(
            expect: #"{"contentType": "text/event-stream", "stream": {"preset": "chat"}}"#, server: server)
        #expect(step.failures.contains { $0.kind == "contentType" })
        #expect(step.failedStreamRules == ["content_type"])
        let message = try #require(step.findings("content_type").first?.message)
        #expect(message.contains("expected text/event-stream, got \"application/json\" (status 200)"))
        #expect(message.contains("chat.completion"))
    }

    /// An event after `[DONE]`, seen thanks to the terminator grace period.
    @Test func eventAfterTerminator() throws {
        let late = SSEFixtures.chatFrame(delta: #"{"content":"late"}"#)
        let server = try LoopbackServer(
            script: [.readRequest, StreamWire.head()] + StreamWire.frames(Self.chat, gap: 10)
                + [.sleep(milliseconds: 100), StreamWire.send(late), .sleep(milliseconds: 3000), StreamWire.end])
        let step = try StreamRun().run(
            expect:
                #"{"stream": {"preset": "chat", "terminatorGrace": "800ms", "reassemble": {"equals": "Hello world"}}}"#,
            server: server)
        #expect(step.failedStreamRules == ["after_terminator"])
        let message = try #require(step.findings("after_terminator").first?.message)
        #expect(message.contains("1 event after the terminator (real event #6 (message)"))
        #expect(message.contains("first: real event #7 (message) at"))
    }

    /// A Responses stream that skips `response.in_progress`: the order finding names the index and what was allowed.
    @Test func wrongEventOrder() throws {
        var types = Self.responsesOrder
        types.remove(at: 1)
        let server = try LoopbackServer(script: StreamWire.stream(Self.responses(types)))
        let step = try StreamRun().run(expect: #"{"stream": {"preset": "responses"}}"#, server: server)
        #expect(step.failedStreamRules == ["event_order"])
        let message = try #require(step.findings("event_order").first?.message)
        #expect(message.contains(#"real event #1 is "response.output_item.added", expected response.in_progress"#))
    }

    /// A gap in `sequence_number` (2 then 4) is reported at the event where it happens.
    @Test func sequenceGap() throws {
        let sequence = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10]
        let server = try LoopbackServer(
            script: StreamWire.stream(Self.responses(Self.responsesOrder, sequence: sequence)))
        let step = try StreamRun().run(expect: #"{"stream": {"preset": "responses"}}"#, server: server)
        #expect(step.failedStreamRules == ["sequence_number"])
        let message = try #require(step.findings("sequence_number").first?.message)
        #expect(
            message.contains(
                "sequence_number jumps from 2 to 4, expected 3 at real event #3 (response.content_part.added)"))
    }

    /// An endless stream is stopped by its 1 s deadline long before the server would stop (30 s).
    @Test func endlessStreamStoppedAtDeadline() throws {
        let frame = LoopbackServer.chunk(SSEFixtures.chatFrame(delta: #"{"content":"x"}"#))
        let server = try LoopbackServer(
            script: [.readRequest, StreamWire.head(), .repeatWrite(frame, intervalMilliseconds: 100, count: 300)])
        let started = ContinuousClock.now
        let step = try StreamRun().run(expect: #"{"stream": {"preset": "chat", "deadline": "1s"}}"#, server: server)
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(step.failedStreamRules == ["deadline", "terminator"])
        let message = try #require(step.findings("deadline").first?.message)
        #expect(message.contains("exceeds deadline 1000 ms (ended by stopped by the runner (deadline passed))"))
        let took = try #require(number(after: "stream took", in: message))
        #expect(took >= 1000 && took < 5000)
        #expect(step.findings("deadline").first?.location?.line == 8)
    }

    /// An endless stream with no rule waiting for its end (`terminator: false`, no `deadline`) is cut by
    /// the request's own timeout: a `deadline` finding, not a pass.
    @Test func endlessStreamCutByTheRequestTimeoutFails() throws {
        let frame = LoopbackServer.chunk(SSEFixtures.chatFrame(delta: #"{"content":"x"}"#))
        let server = try LoopbackServer(
            script: [.readRequest, StreamWire.head(), .repeatWrite(frame, intervalMilliseconds: 100, count: 300)])
        let request =
            #"{"method": "POST", "path": "/v1/chat/completions", "body": {"stream": true}, "timeouts": {"total": "1s"}}"#
        let step = try StreamRun().run(
            expect: #"{"stream": {"terminator": false}}"#, server: server, request: request)
        #expect(step.failedStreamRules == ["deadline"])
        let message = try #require(step.findings("deadline").first?.message)
        #expect(message.contains("the stream was still open when the request timeout ended it at"))
        #expect(step.exchanges.first?.stream?.endReason == "request timeout")
        #expect(step.verdict == .failed)
    }

    /// A gzip-encoded stream that was never asked for (a streamed step offers no encoding) is named as
    /// such, not left to a riddle of truncated events; the repro asks curl for the bytes Assay judged.
    @Test func unofferedContentEncodingIsNamed() throws {
        // gzip of a chat frame with "Hi" and `data: [DONE]`.
        let gzipped = Data([
            0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4B, 0x49, 0x2C, 0x49, 0xB4, 0x52, 0xA8, 0x56,
            0x4A, 0xCE, 0xC8, 0xCF, 0x4C, 0x4E, 0x2D, 0x56, 0xB2, 0x8A, 0xAE, 0x56, 0xCA, 0xCC, 0x4B, 0x49, 0xAD, 0x50,
            0xB2, 0x32, 0xD0, 0x51, 0x4A, 0x49, 0xCD, 0x29, 0x49, 0x54, 0xB2, 0x02, 0x4A, 0xE7, 0xE7, 0x95, 0xA4, 0xE6,
            0x95, 0x28, 0x59, 0x29, 0x79, 0x64, 0x2A, 0xD5, 0xD6, 0xC6, 0xD6, 0x72, 0x71, 0xA5, 0x80, 0x75, 0x46, 0xBB,
            0xF8, 0xFB, 0xB9, 0xC6, 0x72, 0x71, 0x01, 0x00, 0x8E, 0x02, 0xB4, 0x47, 0x48, 0x00, 0x00, 0x00,
        ])
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: gzip\r\n"
            + "Content-Length: \(gzipped.count)\r\nConnection: close\r\n\r\n"
        let server = try LoopbackServer(script: [.readRequest, .write(head), .write(gzipped)])
        let step = try StreamRun().run(expect: #"{"stream": {"preset": "chat"}}"#, server: server)
        let finding = try #require(step.findings("content_encoding").first?.message)
        #expect(finding.contains("the stream arrived with Content-Encoding: gzip although no encoding was offered"))
        #expect(step.failedStreamRules.first == "content_encoding")
        #expect(step.curl?.contains("--compressed") == false)
        #expect(step.verdict == .failed)
    }

    /// `[DONE]` came 0.2 s before the deadline and the server then kept the connection open: the grace
    /// Assay reads on for is its own wait, so the deadline is kept (it failed `deadline` before).
    @Test func terminatorInTimeKeepsTheDeadlineDespiteTheGrace() throws {
        let server = try LoopbackServer(
            script: [.readRequest, StreamWire.head(), .sleep(milliseconds: 800)] + StreamWire.frames(Self.chat, gap: 0)
                + [.sleep(milliseconds: 3000), StreamWire.end])
        let step = try StreamRun().run(
            expect: #"{"stream": {"preset": "chat", "deadline": "1s", "terminatorGrace": "600ms"}}"#, server: server)
        #expect(step.failedStreamRules == [])
        #expect(step.exchanges.first?.stream?.endReason == "stopped by the runner (terminator seen)")
        #expect(step.verdict == .passed)
    }

    /// Pings keep the connection alive but no real event comes within its ceiling: heartbeats do not count.
    @Test func firstEventTooLateBehindPings() throws {
        let server = try LoopbackServer(
            script: [
                .readRequest, StreamWire.head(),
                .repeatWrite(LoopbackServer.chunk(": ping\n\n"), intervalMilliseconds: 100, count: 30),
            ] + StreamWire.frames(Self.chat, gap: 10) + [StreamWire.end])
        let step = try StreamRun().run(
            expect: #"{"stream": {"preset": "chat", "maxHeartbeatGap": "1s", "maxTimeToFirstEvent": "500ms"}}"#,
            server: server)
        #expect(step.failedStreamRules == ["time_to_first_event", "terminator"])
        let message = try #require(step.findings("time_to_first_event").first?.message)
        #expect(message.contains("no first real event arrived (ceiling 500 ms)"))
        #expect(message.contains("stopped by the runner (time_to_first_event ceiling passed)"))
        #expect((step.exchanges.first?.stream?.heartbeatCount ?? 0) >= 3)
    }

    /// A Responses stream ending in `response.failed`: one terminator finding with the reason, not a second error frame.
    @Test func failureTerminator() throws {
        var frames = Self.responses(Array(Self.responsesOrder.dropLast()))
        frames.append(
            SSEFixtures.responsesFrame(
                "response.failed", sequence: frames.count,
                extra: #","response":{"id":"resp_1","error":{"code":"server_error","message":"model crashed"}}"#))
        let server = try LoopbackServer(script: StreamWire.stream(frames))
        let step = try StreamRun().run(expect: #"{"stream": {"preset": "responses"}}"#, server: server)
        #expect(step.failedStreamRules == ["terminator"])
        let message = try #require(step.findings("terminator").first?.message)
        #expect(message.contains("stream ended with failure terminator real event #9 (response.failed)"))
        #expect(message.contains("model crashed"))
    }

    /// No head within its ceiling: the watch stops the transfer and the finding is a failure, not an error.
    @Test func noHeadWithinCeiling() throws {
        let server = try LoopbackServer(
            script: [.readRequest, .sleep(milliseconds: 3000)] + StreamWire.stream(Self.chat).dropFirst())
        let step = try StreamRun().run(
            expect: #"{"stream": {"preset": "chat", "maxTimeToHead": "300ms"}}"#, server: server)
        #expect(step.verdict == .failed)
        #expect(step.error == nil)
        let message = try #require(step.findings("time_to_head").first?.message)
        #expect(message.contains("no response head arrived (ceiling 300 ms)"))
        #expect(message.contains("stopped by the runner (time_to_head ceiling passed)"))
    }
}
