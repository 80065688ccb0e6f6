import Foundation
import Testing

@testable import AssayKit

/// `expect.stream` decoding: a full block maps onto the SSE rules, and every error is located.
@Suite struct StreamCheckDecodingTests {
    /// Decodes `stream` (JSONC text) as it would sit in a suite file named `s.jsonc`.
    static func decode(_ text: String) throws(Diagnostic) -> StreamExpectation? {
        let root = try JSONParser.parseNode(text, file: "s.jsonc")
        return try SuiteDecoder.decodeStream(root)
    }

    /// The error a stream block gives, or nil when it decodes.
    static func error(_ text: String) -> Diagnostic? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error
        }
    }

    /// A full block: the preset supplies defaults and every key overrides or adds to them.
    @Test func fullBlockDecodes() throws {
        let spec = try #require(
            try Self.decode(
                """
                {
                  "preset": "responses",
                  "heartbeat": {"comments": true, "events": ["ping"], "data": {"type": "heartbeat"}},
                  "maxTimeToHead": "2s", "maxTimeToFirstByte": 2000, "maxTimeToFirstEvent": "5s",
                  "maxHeartbeatGap": "1.5s", "maxEventGap": "2s", "deadline": "30s", "terminatorGrace": "250ms",
                  "terminator": {"event": "response.completed", "failure": ["response.failed"]},
                  "order": "response.created, response.in_progress, _*, response.completed|response.failed",
                  "sequence": {"path": "sequence_number", "consecutive": true},
                  "errorFrames": true,
                  "events": [{"index": 0, "data": {"type": "response.created"}},
                             {"type": "response.completed", "data": {"response": {"id": "{{regex:^resp_}}"}}, "compare": "exact"}],
                  "reassemble": {"deltas": [{"event": "response.output_text.delta", "path": "delta"}],
                                 "equals": "${answer}", "matchesNonStream": {"body": {"stream": false}}}
                }
                """))
        let rules = spec
        #expect(spec.preset == .responses)
        #expect(rules.maxTimeToHead == .seconds(2))
        #expect(rules.maxTimeToFirstByte == .seconds(2))
        #expect(rules.maxHeartbeatGap == .milliseconds(1500))
        #expect(rules.deadline == .seconds(30))
        #expect(spec.terminatorGrace == .milliseconds(250))
        #expect(rules.terminator?.eventTypes == ["response.completed"])
        #expect(rules.terminator?.failureEventTypes == ["response.failed"])
        #expect(rules.order?.elements.count == 4)
        #expect(rules.sequence?.consecutive == true)
        #expect(rules.heartbeat.comments && rules.heartbeat.eventTypes == ["ping"])
        #expect(spec.events.count == 2)
        #expect(spec.events[1].selector == .type("response.completed", occurrence: nil))
        #expect(spec.events[1].compare == .exact)
        #expect(spec.events[0].compare == .subset)
        #expect(rules.deltas == [DeltaRule(eventType: "response.output_text.delta", path: "delta")])
        #expect(spec.reassembly.equals == "${answer}")
        #expect(spec.reassembly.nonStream?.path.description == "output[0].content[0].text")
        #expect(spec.ruleLocations[.deadline]?.line == 5)
    }

    /// Keys can switch off what a preset turned on; a string terminator is a data sentinel.
    @Test func presetRulesCanBeTurnedOff() throws {
        let spec = try #require(
            try Self.decode(
                #"{"preset": "responses", "order": false, "sequence": false, "errorFrames": false, "terminator": "END", "heartbeat": false}"#
            ))
        #expect(spec.order == nil)
        #expect(spec.sequence == nil)
        #expect(spec.errorFrames == nil)
        #expect(spec.terminator == TerminatorRule(doneData: "END"))
        #expect(!spec.heartbeat.comments && spec.heartbeat.eventTypes.isEmpty)
    }

    /// A heartbeat object changes only the parts it names; the others keep the usual conventions.
    @Test func heartbeatObjectKeepsUnnamedDefaults() throws {
        let spec = try #require(try Self.decode(#"{"heartbeat": {"events": ["keepalive"], "data": []}}"#))
        #expect(spec.heartbeat.comments)
        #expect(spec.heartbeat.eventTypes == ["keepalive"])
        #expect(spec.heartbeat.dataMatching.isEmpty)
    }

    /// An unknown key names the nearest known one, at the key's position.
    @Test func unknownKeySuggests() throws {
        let error = try #require(Self.error("{\n  \"preset\": \"chat\",\n  \"maxEventGapp\": \"1s\"\n}"))
        #expect(error.message.hasPrefix("unknown key `maxEventGapp` in stream"))
        #expect(error.hint == "did you mean `maxEventGap`?")
        #expect(error.location == SourceLocation(file: "s.jsonc", line: 3, column: 3))
    }

    /// A duration that is not one says what a duration looks like, at the value.
    @Test func badDuration() throws {
        let error = try #require(Self.error(#"{"deadline": "soon"}"#))
        #expect(error.message.contains("expected `deadline` to be a duration such as 500, \"500ms\", \"2s\""))
        #expect(error.location?.column == 14)
    }

    /// A malformed order pattern names the bad element.
    @Test func badOrderPattern() throws {
        let error = try #require(Self.error("{\n\"order\": \"response.created, (response.done\"}"))
        #expect(error.message.contains("expected an event type in pattern element `(response.done`"))
        #expect(error.location?.line == 2)
    }

    /// A misspelled preset suggests the right one.
    @Test func badPreset() throws {
        let error = try #require(Self.error(#"{"preset": "chats"}"#))
        #expect(error.hint == "did you mean \"chat\"?")
    }

    /// A bad matcher inside expected event data is reported at its string.
    @Test func badEventMatcher() throws {
        let error = try #require(Self.error("{\"events\": [\n {\"index\": 0, \"data\": {\"id\": \"{{uuidd}}\"}}]}"))
        #expect(error.location?.line == 2)
        #expect(error.message.contains("uuidd"))
    }

    /// An event expectation needs a selector, and not two.
    @Test func eventSelectorRequired() throws {
        #expect(Self.error(#"{"events": [{"data": {}}]}"#)?.message.contains("needs `index`") == true)
        #expect(Self.error(#"{"events": [{"index": 0, "type": "a", "data": {}}]}"#)?.message.contains("both") == true)
        #expect(Self.error(#"{"events": [{"index": 0}]}"#)?.message.contains("missing required key `data`") == true)
    }

    /// A bad delta path, a reassembly with nothing to compare, and a path-less non-stream comparison are located.
    @Test func badReassembly() throws {
        let path = try #require(Self.error(#"{"reassemble": {"deltas": [{"path": "choices[x]"}], "equals": "a"}}"#))
        #expect(path.message.contains("expected `[n]` with a non-negative index"))
        #expect(path.location?.column == 37)
        let empty = try #require(Self.error(#"{"reassemble": {}}"#))
        #expect(empty.message.contains("needs `golden`, `equals` or `matchesNonStream`"))
        let noPath = try #require(Self.error(#"{"reassemble": {"matchesNonStream": {}}}"#))
        #expect(noPath.message.contains("needs `path`"))
    }

    /// A terminator of the wrong shape says which shapes are accepted.
    @Test func badTerminator() throws {
        #expect(Self.error(#"{"terminator": 3}"#)?.message.contains("data sentinel such as \"[DONE]\"") == true)
        #expect(Self.error(#"{"terminator": {"required": true}}"#)?.message.contains("needs `data`") == true)
        #expect(Self.error(#"{"terminator": {"evnt": "x"}}"#)?.hint == "did you mean `event`?")
    }
}
