import Foundation
import Testing

@testable import AssayKit

/// `expectError` (the `error_signal` rule): a stream meant to fail must end in an accepted error
/// frame; each way of not doing so is a finding that names the event, its offset and its first bytes.
@Suite("SSE evaluator: expected error signal")
struct StreamErrorSignalTests {
    /// Expected JSON written as text, the way a suite holds it.
    private static func json(_ text: String) -> JSONValue { (try? JSONParser.parseValue(text)) ?? .null }

    private static let envelope = json(
        #"{"error": {"message": "{{string}}", "type": "{{string}}", "param": "{{any}}", "code": "{{any}}"}}"#)
    private static let envelopeFrame =
        #"data: {"error":{"message":"boom","type":"server_error","param":null,"code":null}}"#
        + "\n\n"

    /// The chat rules the pack uses: no terminator required, error frames judged by the new rule.
    private static var chat: StreamExpectation {
        var spec = StreamExpectation.chatCompletions
        spec.terminator = nil
        spec.jsonData = false
        spec.expectedError = StreamErrorExpectation(frames: [.init(data: envelope)], answer: envelope)
        return spec
    }

    private static var responses: StreamExpectation {
        var spec = StreamExpectation.responses
        spec.terminator = nil
        spec.order = nil
        spec.sequence = nil
        spec.expectedError = StreamErrorExpectation(frames: [
            .init(
                eventType: "error",
                data: json(
                    #"{"type": "error", "code": "{{string-or-null}}", "message": "{{string}}", "param": "{{string-or-null}}", "sequence_number": "{{integer}}"}"#
                )),
            .init(
                eventType: "response.failed",
                data: json(
                    #"{"response": {"status": "failed", "error": {"code": "{{string}}", "message": "{{string}}"}}}"#)),
        ])
        return spec
    }

    private func evaluate(_ frames: [String], _ spec: StreamExpectation) -> [StreamFinding] {
        let timeline = SSEFixtures.timeline(SSEFixtures.spaced(frames, from: 100, every: 20))
        return StreamEvaluator(
            expectation: spec, decode: SSEFixtures.decode, match: SSEFixtures.equalityMatcher,
            errorMatch: StreamCheck.matcher(.subset)
        ).evaluate(timeline).findings
    }

    private var deltas: [String] { Array(SSEFixtures.chatStream(deltas: ["Hel", "lo"], done: false).prefix(3)) }

    /// Proves deltas then the envelope (with or without a `[DONE]` after it) pass, and that the same
    /// stream without `expectError` is still an `error_frame` finding: the rule gives way only when asked.
    @Test func envelopeAfterDeltasPasses() {
        #expect(evaluate(deltas + [Self.envelopeFrame, "data: [DONE]\n\n"], Self.chat).isEmpty)
        #expect(evaluate(deltas + [Self.envelopeFrame], Self.chat).isEmpty)
        var plain = Self.chat
        plain.expectedError = nil
        #expect(evaluate(deltas + [Self.envelopeFrame], plain).map(\.rule) == [.errorFrame])
    }

    /// Proves a stream that just stops fails, naming how it ended and its last event's index, offset and bytes.
    @Test func silentCloseFails() {
        let findings = evaluate(deltas, Self.chat)
        #expect(findings.map(\.rule) == [.errorSignal])
        #expect(
            findings.first?.message.hasPrefix(
                "no error was signalled: the stream ended by clean EOF at 0.14 s after 3 real events; the last, real event #2 (message) at 0.14 s, begins \"{"
            ) == true, "\(findings)")
        #expect(findings.first?.offset == .milliseconds(140))
    }

    /// Proves a `[DONE]` after a cut fails, quoting the last event before the terminator and naming the terminator.
    @Test func doneAfterCutFails() {
        let findings = evaluate(deltas + ["data: [DONE]\n\n"], Self.chat)
        #expect(findings.map(\.rule) == [.errorSignal])
        let message = findings.first?.message ?? ""
        #expect(message.contains("its terminator real event #3 (message) at 0.16 s"), "\(message)")
        #expect(message.contains("the last, real event #2 (message) at 0.14 s"), "\(message)")
    }

    /// Proves an error frame that is not the envelope fails, with the mismatch and the frame's first bytes.
    @Test func bareErrorFrameFails() {
        let findings = evaluate(deltas + [#"data: {"error":"boom"}"# + "\n\n"], Self.chat)
        #expect(findings.map(\.rule) == [.errorSignal])
        #expect(
            findings.first?.message
                == #"real event #3 (message) at 0.16 s is an error frame but not an accepted one: $.error: expected object, got "boom"; its data begins "{"error":"boom"}""#,
            "\(findings)")
    }

    /// Proves content after the error frame is a finding: a client has stopped reading by then.
    @Test func eventsAfterTheErrorFail() {
        let findings = evaluate([deltas[0], Self.envelopeFrame, deltas[1], "data: [DONE]\n\n"], Self.chat)
        #expect(findings.map(\.rule) == [.errorSignal])
        #expect(findings.first?.message.hasPrefix("the stream went on after its error frame (real event #1") == true)
    }

    /// Proves Responses' `error` event and `response.failed` both pass, and a chat-style frame in a
    /// Responses stream fails by its type.
    @Test func responsesErrorShapes() {
        let start = Array(SSEFixtures.responsesStream(deltas: ["Hel"], final: nil).prefix(5))
        let error = SSEFixtures.responsesFrame(
            "error", sequence: 5, extra: #","code":"server_error","message":"boom","param":null"#)
        #expect(evaluate(start + [error], Self.responses).isEmpty)
        let failed = SSEFixtures.responsesFrame(
            "response.failed", sequence: 5,
            extra: #","response":{"status":"failed","error":{"code":"server_error","message":"boom"}}"#)
        #expect(evaluate(start + [failed], Self.responses).isEmpty)
        let findings = evaluate(start + [Self.envelopeFrame], Self.responses)
        #expect(findings.map(\.rule) == [.errorSignal])
        #expect(
            findings.first?.message.contains(#"its type is "message", expected "error" or "response.failed""#) == true)
        let bare = SSEFixtures.responsesFrame("error", sequence: 5, extra: #","message":"boom""#)
        #expect(evaluate(start + [bare], Self.responses).first?.message.contains(#"missing member "code""#) == true)
    }

    /// Proves an error answered before the stream is judged by its body: the envelope passes; text,
    /// a wrong shape, or an expectation without `answer` fail, quoting the body.
    @Test func errorAnsweredBeforeTheStream() {
        let match = StreamCheck.matcher(.subset)
        let rule = Self.chat.expectedError!
        let good = #"{"error":{"message":"down","type":"server_error","param":null,"code":"529"}}"#
        #expect(rule.answerProblem(status: 529, body: good, match: match, decode: SSEFixtures.decode) == nil)
        #expect(
            rule.answerProblem(status: 500, body: "Internal Server Error", match: match, decode: SSEFixtures.decode)
                == #"the error answered before the stream (status 500) is not JSON: its body begins "Internal Server Error""#
        )
        let bare = rule.answerProblem(status: 500, body: #"{"detail":"x"}"#, match: match, decode: SSEFixtures.decode)
        #expect(bare?.contains(#"missing member "error""#) == true, "\(bare ?? "")")
        let inStreamOnly = StreamErrorExpectation(frames: rule.frames)
        #expect(
            inStreamOnly.answerProblem(status: 500, body: good, match: match, decode: SSEFixtures.decode)?.hasPrefix(
                "the error was answered before the stream (status 500), but only an error frame") == true)
    }

    /// Proves `expectError` decodes from a suite and that its mistakes are suite errors at their position.
    @Test func decoding() throws {
        let spec = try #require(
            try StreamCheckDecodingTests.decode(
                #"{"preset": "chat", "expectError": {"frames": [{"event": "error", "data": {"message": "{{string}}"}}], "answer": {"error": {}}}}"#
            ))
        #expect(spec.expectedError?.frames.first?.eventType == "error")
        #expect(spec.expectedError?.answer != nil)
        #expect(spec.ruleLocations[.errorSignal] != nil)
        let off = try #require(try StreamCheckDecodingTests.decode(#"{"expectError": false}"#))
        #expect(off.expectedError == nil)
        let broken: [(String, String)] = [
            (#"{"expectError": {}}"#, "`expectError` needs `frames`"),
            (#"{"expectError": {"frames": []}}"#, "expected `frames` to be a non-empty list"),
            (#"{"expectError": {"frames": [{"event": "error"}]}}"#, "needs `data`"),
            (#"{"expectError": {"frames": [{"data": {}, "typ": "x"}]}}"#, "typ"),
            (#"{"expectError": {"frames": [{"data": "{{nope}}"}]}}"#, "nope"),
            (#"{"expectError": 3}"#, "expected `expectError` to be false"),
        ]
        for (text, fragment) in broken {
            let error = StreamCheckDecodingTests.error(text)
            #expect(error?.message.contains(fragment) == true, "\(text): \(error?.message ?? "decoded")")
            #expect(error?.location != nil, "\(text)")
        }
    }
}
