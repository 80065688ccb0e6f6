import Foundation
import Testing

@testable import AssayKit

private func rules(_ findings: [StreamFinding]) -> [StreamFinding.Rule] { findings.map(\.rule) }

@Suite("SSE evaluator ending and content rules")
struct SSEEvaluatorContentTests {
    private let chat = SSEFixtures.chatStream(deltas: ["Hel", "lo"])
    private let responses = SSEFixtures.responsesStream(deltas: ["Hel", "lo"])

    /// Proves a complete chat stream and a complete Responses stream pass their presets with no findings.
    @Test func presetsPassWellFormedStreams() {
        let chatTimeline = SSEFixtures.timeline(SSEFixtures.spaced(chat, from: 100, every: 20))
        #expect(SSEFixtures.evaluate(chatTimeline, .chatCompletions).findings.isEmpty)
        let responsesTimeline = SSEFixtures.timeline(SSEFixtures.spaced(responses, from: 100, every: 20))
        let evaluation = SSEFixtures.evaluate(responsesTimeline, .responses)
        #expect(evaluation.findings.isEmpty)
        #expect(evaluation.summary.terminator == "response.completed")
        #expect(evaluation.summary.reassembledText == "Hello")
    }

    /// Proves a cut, non-JSON data frame fails the chat and Responses presets' JSON-data rule, named
    /// by its index, offset and first bytes; `[DONE]` is not JSON and passes; the rule is off without a preset.
    @Test func cutFrameIsNotJSON() {
        var frames = chat
        frames.insert("data: {\"id\":\"chatcmpl-1\",\"obj\n\n", at: 2)
        let timeline = SSEFixtures.timeline(SSEFixtures.spaced(frames, from: 100, every: 20))
        let findings = SSEFixtures.evaluate(timeline, .chatCompletions).findings
        #expect(rules(findings) == [.jsonData])
        #expect(
            findings.map(\.message) == [
                #"real event #2 (message) at 0.14 s is not JSON: its data begins "{"id":"chatcmpl-1","obj""#
            ])
        #expect(findings.first?.offset == .milliseconds(140))
        #expect(SSEFixtures.evaluate(timeline, StreamExpectation()).findings.isEmpty)
        var responsesFrames = responses
        responsesFrames.insert("event: response.output_text.delta\ndata: {\"type\":\"resp\n\n", at: 3)
        let cutResponses = SSEFixtures.timeline(SSEFixtures.spaced(responsesFrames, from: 100, every: 20))
        #expect(rules(SSEFixtures.evaluate(cutResponses, .responses).findings).contains(.jsonData))
    }

    /// Proves a chat stream without `[DONE]` is reported as truncated, naming a clean EOF or a cut.
    @Test func missingTerminatorSaysHowTheStreamEnded() {
        let frames = SSEFixtures.chatStream(deltas: ["Hel"], done: false).dropLast()
        let eof = SSEFixtures.timeline(SSEFixtures.spaced(Array(frames), from: 100, every: 100))
        let eofFindings = SSEFixtures.evaluate(eof, .chatCompletions).findings
        #expect(rules(eofFindings) == [.terminator])
        #expect(
            eofFindings.first?.message.hasPrefix(
                "no terminator (expected data [DONE]); the stream ended by clean EOF at 0.20 s after 2 real events")
                == true)
        let cut = SSEFixtures.timeline(
            SSEFixtures.spaced(Array(frames), from: 100, every: 100),
            end: (ms: 250, reason: .cut(detail: "curl 18: transfer closed with outstanding read data remaining")))
        let cutMessage = SSEFixtures.evaluate(cut, .chatCompletions).findings.first?.message ?? ""
        #expect(cutMessage.contains("ended by connection cut (curl 18: transfer closed"))
    }

    /// Proves a frame cut mid-JSON at the end is reported as a discarded event as well as a missing terminator.
    @Test func truncatedFinalFrame() {
        let chunks =
            SSEFixtures.spaced(Array(chat.prefix(2)), from: 100, every: 100) + [
                SSEChunk(ms: 300, text: "data: {\"id\":\"chatcmpl-1\",\"choi")
            ]
        let findings = SSEFixtures.evaluate(
            SSEFixtures.timeline(chunks, end: (ms: 310, reason: .cut(detail: "curl 18"))), .chatCompletions
        ).findings
        #expect(rules(findings) == [.truncatedEvent, .terminator])
        #expect(
            findings.first?.message
                == "unterminated final event discarded (type message, 0 data bytes, 30-byte partial line) "
                + "when the stream ended by connection cut (curl 18)")
        #expect(findings.last?.message.hasSuffix("; an unterminated final event was discarded") == true)
    }

    /// Proves an event the runner itself cut short, stopping the stream for a broken rule, is not
    /// reported as the server's truncation: the stop's rule is the finding.
    @Test func eventCutByTheRunnersStopIsNotTruncation() {
        let expectation = StreamExpectation(deadline: .seconds(1), terminator: .done)
        let chunks =
            SSEFixtures.spaced(Array(chat.prefix(2)), from: 100, every: 100) + [SSEChunk(ms: 990, text: "data: {\"id")]
        let stopped = SSEFixtures.timeline(chunks, end: (ms: 1001, reason: .stopped(.deadline)))
        #expect(rules(SSEFixtures.evaluate(stopped, expectation).findings) == [.deadline, .terminator])
        let cut = SSEFixtures.timeline(chunks, end: (ms: 995, reason: .cut(detail: "curl 18")))
        #expect(rules(SSEFixtures.evaluate(cut, expectation).findings) == [.truncatedEvent, .terminator])
    }

    /// Proves any event after `[DONE]`, a heartbeat event too, is a finding that names the first such
    /// event by its real-event index and offset and quotes it.
    @Test func nothingAfterTerminator() {
        let extra = chat + ["data: {\"late\":true}\n\n"]
        let findings = SSEFixtures.evaluate(
            SSEFixtures.timeline(SSEFixtures.spaced(extra, from: 100, every: 100)), .chatCompletions
        ).findings
        #expect(
            findings.map(\.message) == [
                "1 event after the terminator (real event #4 (message) at 0.50 s); first: real event #5 (message) "
                    + "at 0.60 s, data \"{\"late\":true}\""
            ])
        let ping = chat + ["event: ping\ndata: {}\n\n"]
        let heartbeat = SSEFixtures.evaluate(
            SSEFixtures.timeline(SSEFixtures.spaced(ping, from: 100, every: 100)), .chatCompletions
        ).findings
        #expect(
            heartbeat.map(\.message) == [
                "1 event after the terminator (real event #4 (message) at 0.50 s); first: a heartbeat (ping) at "
                    + "0.60 s, data \"{}\""
            ])
        var tolerant = StreamExpectation.chatCompletions
        tolerant.terminator?.allowsEventsAfter = true
        let timeline = SSEFixtures.timeline(SSEFixtures.spaced(extra, from: 100, every: 100))
        #expect(SSEFixtures.evaluate(timeline, tolerant).findings.isEmpty)
    }

    /// Proves `response.failed` ends the stream but is reported as a failure, unless configured not to be.
    @Test func failureTerminator() {
        let failed =
            SSEFixtures.responsesStream(deltas: ["Hel"], final: nil) + [
                SSEFixtures.responsesFrame(
                    "response.failed", sequence: 8,
                    extra:
                        ",\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"boom\"}}"
                )
            ]
        let timeline = SSEFixtures.timeline(SSEFixtures.spaced(failed, from: 100, every: 10))
        let findings = SSEFixtures.evaluate(timeline, .responses).findings
        #expect(
            findings.map(\.message) == [
                "stream ended with failure terminator real event #8 (response.failed) at 0.18 s: \"boom\""
            ])
        var lenient = StreamExpectation.responses
        lenient.terminator?.failureIsFinding = false
        lenient.errorFrames = nil
        #expect(SSEFixtures.evaluate(timeline, lenient).findings.isEmpty)
    }

    /// Proves the event-order pattern reports the first diverging index, and an early end.
    @Test func eventOrder() {
        var swapped = responses
        swapped.swapAt(1, 2)
        let timeline = SSEFixtures.timeline(SSEFixtures.spaced(swapped, from: 100, every: 10))
        let findings = SSEFixtures.evaluate(timeline, .responses).findings
        #expect(rules(findings) == [.eventOrder, .sequenceNumber])
        #expect(
            findings.first?.message.hasPrefix(
                "event order diverges: real event #1 is \"response.output_item.added\", expected response.in_progress at 0.11 s"
            ) == true)
        var onlyOrder = StreamExpectation(order: .responsesText)
        onlyOrder.errorFrames = nil
        let early = SSEFixtures.timeline(SSEFixtures.spaced(Array(responses.prefix(5)), from: 100, every: 10))
        #expect(
            SSEFixtures.evaluate(early, onlyOrder).findings.first?.message.hasPrefix(
                "event order diverges: real stream ended after 5 events, expected response.output_text.delta or response.output_text.done"
            ) == true)
    }

    /// Proves sequence numbers must increase (by exactly 1 when consecutive) and must be present.
    @Test func sequenceNumbers() {
        let expectation = StreamExpectation(sequence: SequenceRule(consecutive: true))
        let ok = SSEFixtures.timeline(SSEFixtures.spaced(responses, from: 100, every: 10))
        #expect(SSEFixtures.evaluate(ok, expectation).findings.isEmpty)
        // From the fourth frame on, every sequence number is one higher: a single skip of 3.
        let jumped = responses.enumerated().map { index, frame in
            index < 3
                ? frame
                : frame.replacingOccurrences(
                    of: "\"sequence_number\":\(index)", with: "\"sequence_number\":\(index + 1)")
        }
        let jump = SSEFixtures.timeline(SSEFixtures.spaced(jumped, from: 100, every: 10))
        #expect(
            SSEFixtures.evaluate(jump, expectation).findings.map(\.message) == [
                "sequence_number jumps from 2 to 4, expected 3 at real event #3 (response.content_part.added) at 0.13 s"
            ])
        let loose = StreamExpectation(sequence: SequenceRule(consecutive: false))
        #expect(SSEFixtures.evaluate(jump, loose).findings.isEmpty)
        var repeated = responses
        repeated[3] = SSEFixtures.responsesFrame("response.content_part.added", sequence: 2)
        let repeatedTimeline = SSEFixtures.timeline(SSEFixtures.spaced(repeated, from: 100, every: 10))
        #expect(
            SSEFixtures.evaluate(repeatedTimeline, loose).findings.first?.message
                == "sequence_number not increasing: 2 after 2 (real event #2) at real event #3 (response.content_part.added) at 0.13 s"
        )
        var missing = responses
        missing[1] = "event: response.in_progress\ndata: {\"type\":\"response.in_progress\"}\n\n"
        let absent = SSEFixtures.timeline(SSEFixtures.spaced(missing, from: 100, every: 10))
        #expect(
            SSEFixtures.evaluate(absent, loose).findings.map(\.message) == [
                "real event #1 (response.in_progress) at 0.11 s has no integer sequence_number, found nothing"
            ])
    }

    /// Proves a sequence rule on a stream with no counted event (none at all, or only `[DONE]`) is not
    /// exercised rather than a pass: there was no counter to check.
    @Test func sequenceWithoutEventsIsNotExercised() {
        let expectation = StreamExpectation(terminator: .done, sequence: SequenceRule(consecutive: true))
        let onlyDone = SSEFixtures.timeline([SSEChunk(ms: 10, text: "data: [DONE]\n\n")])
        let findings = SSEFixtures.evaluate(onlyDone, expectation).findings
        #expect(rules(findings) == [.sequenceNumber] && findings.map(\.notExercised) == [true])
        #expect(
            findings.map(\.message) == [
                "no real event besides the terminator's sentinel arrived: no sequence_number to check"
            ])
        let empty = SSEFixtures.timeline([], end: (ms: 20, reason: .cleanEOF))
        let none = SSEFixtures.evaluate(empty, StreamExpectation(sequence: SequenceRule())).findings
        #expect(none.map(\.message) == ["no real event arrived: no sequence_number to check"])
        #expect(none.map(\.notExercised) == [true])
    }

    /// Proves an error frame inside a 200 chat stream is found even though `[DONE]` follows it.
    @Test func errorFrameInsideStream() {
        let broken =
            Array(chat.prefix(2)) + [
                "data: {\"error\":{\"message\":\"upstream timed out\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n",
                "data: [DONE]\n\n",
            ]
        let timeline = SSEFixtures.timeline(SSEFixtures.spaced(broken, from: 100, every: 100))
        #expect(
            SSEFixtures.evaluate(timeline, .chatCompletions).findings.map(\.message) == [
                "error frame in the stream at real event #2 (message) at 0.30 s: \"upstream timed out\""
            ])
        let responsesError =
            Array(responses.prefix(3)) + [
                "event: error\ndata: {\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\",\"sequence_number\":3}\n\n"
            ]
        var expectation = StreamExpectation()
        expectation.terminator = nil
        let errorTimeline = SSEFixtures.timeline(SSEFixtures.spaced(responsesError, from: 100, every: 10))
        #expect(rules(SSEFixtures.evaluate(errorTimeline, expectation).findings) == [.errorFrame])
        let clean = SSEFixtures.timeline(SSEFixtures.spaced(responses, from: 100, every: 10))
        #expect(SSEFixtures.evaluate(clean, expectation).findings.isEmpty)
    }

    /// Proves secrets quoted from event data are masked in finding messages.
    @Test func findingsAreRedacted() {
        let frames = ["data: {\"error\":{\"message\":\"bad key sk-secret-123\"}}\n\n", "data: [DONE]\n\n"]
        let timeline = SSEFixtures.timeline(SSEFixtures.spaced(frames, from: 100, every: 100))
        let evaluator = StreamEvaluator(
            expectation: .chatCompletions, decode: SSEFixtures.decode, redactor: Redactor(secrets: ["sk-secret-123"]))
        let messages = evaluator.findings(for: timeline).map(\.message)
        #expect(messages.count == 1)
        #expect(messages.allSatisfy { !$0.contains("sk-secret-123") && $0.contains(Redactor.mask) })
    }

    /// Proves per-event expectations select by index (negative from the end) and type, and report mismatches and absences.
    @Test func eventMatches() {
        let timeline = SSEFixtures.timeline(SSEFixtures.spaced(responses, from: 100, every: 10))
        let completed: [EventMatch] = [
            EventMatch(
                .index(-1),
                expected: SSEFixtures.decode(String(responses[9].split(separator: "\n")[1].dropFirst(6))) ?? .null),
            EventMatch(
                .type("response.output_text.delta", occurrence: 1),
                expected: SSEFixtures.decode(
                    "{\"type\":\"response.output_text.delta\",\"sequence_number\":5,\"item_id\":\"msg_1\",\"delta\":\"lo\"}"
                ) ?? .null),
        ]
        #expect(SSEFixtures.evaluate(timeline, StreamExpectation(), eventMatches: completed).findings.isEmpty)
        let wrong: [EventMatch] = [
            EventMatch(.type("response.output_text.delta", occurrence: nil), expected: .string("x")),
            EventMatch(.type("response.refusal.delta", occurrence: nil), expected: .null),
        ]
        let findings = SSEFixtures.evaluate(timeline, StreamExpectation(), eventMatches: wrong).findings
        #expect(rules(findings) == [.eventMatch, .eventMatch, .eventMatch])
        #expect(findings.last?.message == "no \"response.refusal.delta\" event in the stream (10 real events)")
        let done = [EventMatch(.index(-1), expected: .string("[DONE]"))]
        let chatTimeline = SSEFixtures.timeline(SSEFixtures.spaced(chat, from: 100, every: 10))
        #expect(SSEFixtures.evaluate(chatTimeline, StreamExpectation(), eventMatches: done).findings.isEmpty)
    }

    /// Proves data and named heartbeats are excluded from real events, and `HeartbeatRule.none` counts them as real.
    @Test func heartbeatClassification() {
        let chunks =
            [
                SSEChunk(ms: 100, text: "data: {\"type\":\"heartbeat\",\"ts\":1}\n\n"),
                SSEChunk(ms: 200, text: "event: ping\ndata: {}\n\n"), SSEChunk(ms: 300, text: ": keep-alive\n\n"),
            ] + SSEFixtures.spaced(chat, from: 400, every: 10)
        let timeline = SSEFixtures.timeline(chunks)
        let standard = SSEFixtures.evaluate(timeline, .chatCompletions).summary
        #expect(standard.heartbeatCount == 3)
        #expect(standard.timeToFirstEvent == .milliseconds(400))
        let none = SSEFixtures.evaluate(timeline, StreamExpectation(heartbeat: .none)).summary
        #expect(none.heartbeatCount == 0)
        #expect(none.timeToFirstEvent == .milliseconds(100))
    }

    /// Proves the text comparison helper names the first differing position and both sides.
    @Test func textComparison() {
        #expect(StreamTextComparison.firstDifference(expected: "Hello", actual: "Hello") == nil)
        #expect(
            StreamTextComparison.firstDifference(expected: "Hello world", actual: "Hello World")
                == "texts differ at character 6 (line 1, column 7): expected \"Hello world\", found \"Hello World\"")
        #expect(
            StreamTextComparison.firstDifference(expected: "ab\ncd", actual: "ab\nc")
                == "actual text ends early at character 4 (line 2, column 2): expected it to continue \"ab\\ncd\"")
        #expect(
            StreamTextComparison.firstDifference(expected: "ab", actual: "abc")
                == "actual text is longer than expected from character 2 (line 1, column 3): extra \"abc\"")
        let long = String(repeating: "a", count: 40)
        #expect(
            StreamTextComparison.firstDifference(expected: long + "b" + long, actual: long + "c" + long, context: 4)
                == "texts differ at character 40 (line 1, column 41): expected \"…aabaaa…\", found \"…aacaaa…\"")
    }
}
