import Foundation
import Testing

@testable import AssayKit

/// A long stream's events are decoded as JSON once each: not while they arrive (unless a heartbeat
/// pattern may match them), and once when judged, however many evaluators and the reassembly read
/// them. The heartbeat prefilter never hides a heartbeat.
@Suite struct StreamDecodeOnceTests {
    final class Counter: @unchecked Sendable {
        // @unchecked: used from one thread in these tests, guarded anyway.
        private let lock = NSLock()
        private var calls = 0
        var count: Int { lock.withLock { calls } }
        var decode: StreamJSONDecoding {
            { [self] text in
                lock.withLock { calls += 1 }
                return try? JSONParser.parseValue(text)
            }
        }
    }

    static func timeline(_ lines: [String]) -> StreamTimeline {
        let start = ContinuousClock.now
        var recorder = StreamRecorder(start: start)
        recorder.headReceived(at: start)
        _ = recorder.received(Array(lines.map { "data: \($0)\n\n" }.joined().utf8), at: start)
        recorder.ended(at: start, reason: .cleanEOF)
        return recorder.timeline
    }

    /// The prefilter is sound: whatever decodes to a match passes it, escapes included.
    @Test func heartbeatPrefilterNeverHidesAHeartbeat() {
        let rule = HeartbeatRule()
        #expect(rule.dataMayMatch(#"{"type":"heartbeat"}"#))
        #expect(rule.dataMayMatch(#"{"x":1, "type" : "heartbeat"}"#))
        #expect(rule.dataMayMatch(#"{"type":"\u0068eartbeat"}"#))
        #expect(!rule.dataMayMatch(#"{"n":1,"choices":[{"delta":{"content":"x"}}]}"#))
        #expect(!HeartbeatRule(dataMatching: []).dataMayMatch(#"{"type":"heartbeat"}"#))
    }

    /// While a flood arrives, only the events a heartbeat pattern may match are decoded.
    @Test func theWatchDecodesOnlyPossibleHeartbeats() {
        let counter = Counter()
        let start = ContinuousClock.now
        var watch = StreamWatch(expectation: StreamExpectation(), start: start, decode: counter.decode)
        var recorder = StreamRecorder(start: start)
        let lines = Array(repeating: #"{"n":1}"#, count: 5_000) + [#"{"type":"heartbeat"}"#]
        let items = recorder.received(Array(lines.map { "data: \($0)\n\n" }.joined().utf8), at: start)
        _ = watch.observe(items: items, byteCount: 1, at: start)
        #expect(counter.count == 1)
    }

    /// Judging decodes every event once, for two evaluators and the reassembly together, and the
    /// findings of the shared classification are those of a fresh one.
    @Test func judgingDecodesEachEventOnce() {
        let lines = (0..<3_000).map {
            #"{"sequence_number":\#($0 == 2_000 ? 1_999 : $0),"choices":[{"delta":{"content":"x"}}]}"#
        }
        let timeline = Self.timeline(lines)
        let expectation = StreamExpectation(sequence: SequenceRule())
        let counter = Counter()
        let observation = StreamObservation(timeline: timeline, expectation: expectation, decode: counter.decode)
        let shared = StreamEvaluator(expectation: expectation, decode: counter.decode).evaluate(observation)
        _ = StreamEvaluator(expectation: expectation, decode: counter.decode).findings(for: observation)
        let text = observation.reassembledText(rules: expectation.deltas)
        #expect(counter.count == 3_000)
        #expect(text == String(repeating: "x", count: 3_000))
        let fresh = StreamEvaluator(expectation: expectation, decode: StreamCheck.decode).evaluate(timeline)
        #expect(shared.findings.map(\.message) == fresh.findings.map(\.message))
        #expect(shared.findings.contains { $0.rule == .sequenceNumber && $0.message.contains("real event #2000") })
        #expect(shared.summary.realEventCount == 3_000)
    }
}
