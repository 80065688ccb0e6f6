import Foundation

@testable import AssayKit

/// Synthetic instants: every test measures from one fixed origin, so no test sleeps or reads a clock twice.
enum SSETestClock {
    /// The origin of every synthetic timeline (the request was sent here).
    static let t0 = ContinuousClock.now

    /// The instant `ms` milliseconds after `t0`.
    static func at(ms: Int) -> ContinuousClock.Instant { t0.advanced(by: .milliseconds(ms)) }
}

/// Realistic stream bodies, shaped like the reference notes describe the official APIs.
enum SSEFixtures {
    /// One `chat.completion.chunk` frame.
    static func chatFrame(delta: String, finishReason: String? = nil) -> String {
        let finish = finishReason.map { "\"\($0)\"" } ?? "null"
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":\(delta),\"finish_reason\":\(finish)}]}\n\n"
    }

    /// A chat-completions stream: role chunk, one chunk per delta, a finish chunk, then `[DONE]` (one string per frame).
    static func chatStream(deltas: [String], done: Bool = true) -> [String] {
        var frames = [chatFrame(delta: "{\"role\":\"assistant\",\"content\":\"\"}")]
        for delta in deltas { frames.append(chatFrame(delta: "{\"content\":\"\(delta)\"}")) }
        frames.append(chatFrame(delta: "{}", finishReason: "stop"))
        if done { frames.append("data: [DONE]\n\n") }
        return frames
    }

    /// One Responses-API frame: `event: <type>` plus data repeating the type and the sequence number.
    static func responsesFrame(_ type: String, sequence: Int, extra: String = "") -> String {
        "event: \(type)\ndata: {\"type\":\"\(type)\",\"sequence_number\":\(sequence)\(extra)}\n\n"
    }

    /// A Responses-API stream in the documented order, ending with `final` (one string per frame).
    static func responsesStream(deltas: [String], final: String? = "response.completed") -> [String] {
        var types: [(String, String)] = [
            ("response.created", ",\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\",\"error\":null}"),
            ("response.in_progress", ""), ("response.output_item.added", ""), ("response.content_part.added", ""),
        ]
        for delta in deltas {
            types.append(("response.output_text.delta", ",\"item_id\":\"msg_1\",\"delta\":\"\(delta)\""))
        }
        types += [
            ("response.output_text.done", ",\"text\":\"\(deltas.joined())\""), ("response.content_part.done", ""),
            ("response.output_item.done", ""),
        ]
        if let final { types.append((final, ",\"response\":{\"id\":\"resp_1\",\"error\":null}")) }
        return types.enumerated().map { index, entry in responsesFrame(entry.0, sequence: index, extra: entry.1) }
    }

    /// JSON decoding for tests, through Foundation, so the SSE tests do not depend on Assay's own JSON parser.
    static let decode: @Sendable (String) -> JSONValue? = { text in
        guard let data = text.data(using: .utf8) else { return nil }
        return (try? JSONDecoder().decode(DecodedJSON.self, from: data))?.value
    }
}

/// A Decodable bridge from Foundation's JSON decoder to `JSONValue` (test-only).
private struct DecodedJSON: Decodable {
    let value: JSONValue

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let bool = try? container.decode(Bool.self) {
            value = .bool(bool)
        } else if let int = try? container.decode(Int.self) {
            value = .number(JSONNumber(int))
        } else if let double = try? container.decode(Double.self) {
            value = .number(JSONNumber(double))
        } else if let string = try? container.decode(String.self) {
            value = .string(string)
        } else if let array = try? container.decode([DecodedJSON].self) {
            value = .array(array.map(\.value))
        } else {
            let object = try container.decode([String: DecodedJSON].self)
            value = .object(JSONObject(object.sorted { $0.key < $1.key }.map { ($0.key, $0.value.value) }))
        }
    }
}

/// One body chunk of a synthetic timeline: its arrival time and its bytes.
struct SSEChunk {
    var ms: Int
    var text: String
}

extension SSEFixtures {
    /// Builds a timeline the way the transport would: through a `StreamRecorder`.
    static func timeline(
        head: Int? = 5, _ chunks: [SSEChunk], end: (ms: Int, reason: StreamEndReason)? = nil
    ) -> StreamTimeline {
        var recorder = StreamRecorder(start: SSETestClock.t0)
        if let head { recorder.headReceived(at: SSETestClock.at(ms: head)) }
        for chunk in chunks { recorder.received(Array(chunk.text.utf8), at: SSETestClock.at(ms: chunk.ms)) }
        let endMs = end?.ms ?? (chunks.last?.ms ?? 0)
        recorder.ended(at: SSETestClock.at(ms: endMs), reason: end?.reason ?? .cleanEOF)
        return recorder.timeline
    }

    /// Frames one per chunk, the first at `from` ms and then every `every` ms.
    static func spaced(_ frames: [String], from: Int, every: Int) -> [SSEChunk] {
        frames.enumerated().map { SSEChunk(ms: from + $0.offset * every, text: $0.element) }
    }

    /// Evaluates a timeline with the test JSON decoder and an equality matcher.
    static func evaluate(
        _ timeline: StreamTimeline, _ expectation: StreamExpectation, eventMatches: [EventMatch] = []
    ) -> StreamEvaluation {
        StreamEvaluator(expectation: expectation, eventMatches: eventMatches, decode: decode, match: equalityMatcher)
            .evaluate(timeline)
    }

    /// A stand-in for the matcher module: plain JSON equality with one message.
    static let equalityMatcher: StreamJSONMatching = { expected, actual in
        expected == actual ? [] : ["expected \(expected), found \(actual)"]
    }
}
