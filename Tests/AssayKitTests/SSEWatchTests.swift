import Testing

@testable import AssayKit

/// Feeds one chunk through a recorder and a watch, as the transport's write callback would.
private func deliver(
    _ text: String, at ms: Int, recorder: inout StreamRecorder, watch: inout StreamWatch
) -> StreamWatchDecision {
    let bytes = Array(text.utf8)
    let items = recorder.received(bytes, at: SSETestClock.at(ms: ms))
    return watch.observe(items: items, byteCount: bytes.count, at: SSETestClock.at(ms: ms))
}

@Suite("SSE stream watch")
struct SSEWatchTests {
    private let chat = SSEFixtures.chatStream(deltas: ["Hel", "lo"])

    private func watch(_ expectation: StreamExpectation, grace: Duration = .zero) -> StreamWatch {
        StreamWatch(
            expectation: expectation, start: SSETestClock.t0, terminatorGrace: grace, decode: SSEFixtures.decode)
    }

    /// Proves the watch keeps reading until `[DONE]` and stops on the very chunk that carries it.
    @Test func stopsAtTerminatorAtOnce() {
        var recorder = StreamRecorder(start: SSETestClock.t0)
        var watch = watch(.chatCompletions)
        var decisions: [StreamWatchDecision] = []
        for (index, frame) in chat.enumerated() {
            decisions.append(deliver(frame, at: 100 + index * 10, recorder: &recorder, watch: &watch))
        }
        #expect(decisions == [.proceed, .proceed, .proceed, .proceed, .stop(.terminator)])
    }

    /// Proves a terminator followed by a late event in the same chunk still stops, and the evaluator sees the late event.
    @Test func sameChunkAfterTerminatorIsStillChecked() {
        var recorder = StreamRecorder(start: SSETestClock.t0)
        var watch = watch(.chatCompletions)
        let decision = deliver(chat.joined() + "data: {\"late\":1}\n\n", at: 100, recorder: &recorder, watch: &watch)
        #expect(decision == .stop(.terminator))
        recorder.ended(at: SSETestClock.at(ms: 100), reason: .stopped(.terminator))
        let rules = SSEFixtures.evaluate(recorder.timeline, .chatCompletions).findings.map(\.rule)
        #expect(rules == [.afterTerminator])
    }

    /// Proves a grace period keeps reading after the terminator until it elapses, so late events can be caught.
    @Test func graceAfterTerminator() {
        var recorder = StreamRecorder(start: SSETestClock.t0)
        var watch = watch(.responses, grace: .milliseconds(200))
        let frames = SSEFixtures.responsesStream(deltas: ["a"])
        var last = StreamWatchDecision.proceed
        for frame in frames { last = deliver(frame, at: 100, recorder: &recorder, watch: &watch) }
        #expect(last == .proceed)
        #expect(watch.nextCheck == SSETestClock.at(ms: 300))
        #expect(watch.check(at: SSETestClock.at(ms: 250)) == .proceed)
        #expect(watch.check(at: SSETestClock.at(ms: 300)) == .stop(.terminator))
    }

    /// Proves a grace period that runs past the deadline ends at the deadline as a terminator stop:
    /// the answer ended in time, and the evaluator then finds no deadline break.
    @Test func graceCutAtTheDeadlineIsATerminatorStop() {
        let expectation = StreamExpectation(deadline: .seconds(2), terminator: .done)
        var recorder = StreamRecorder(start: SSETestClock.t0)
        var watch = watch(expectation, grace: .milliseconds(500))
        var last = StreamWatchDecision.proceed
        for (index, frame) in chat.enumerated() {
            last = deliver(frame, at: 1800 + index * 10, recorder: &recorder, watch: &watch)
        }
        #expect(last == .proceed)
        #expect(watch.check(at: SSETestClock.at(ms: 2000)) == .proceed)
        #expect(watch.check(at: SSETestClock.at(ms: 2001)) == .stop(.terminator))
        recorder.ended(at: SSETestClock.at(ms: 2001), reason: .stopped(.terminator))
        #expect(SSEFixtures.evaluate(recorder.timeline, expectation).findings.isEmpty)
    }

    /// Proves the deadline stops a stream kept alive by heartbeats, and only after it has passed.
    @Test func deadlineStops() {
        var recorder = StreamRecorder(start: SSETestClock.t0)
        var watch = watch(StreamExpectation(deadline: .seconds(1)))
        #expect(deliver(": ping\n\n", at: 900, recorder: &recorder, watch: &watch) == .proceed)
        #expect(watch.check(at: SSETestClock.at(ms: 1000)) == .proceed)
        #expect(watch.check(at: SSETestClock.at(ms: 1001)) == .stop(.deadline))
    }

    /// Proves the first-event ceiling stops a stream that only sends heartbeats, and a real event lifts it.
    @Test func firstEventCeilingStops() {
        var recorder = StreamRecorder(start: SSETestClock.t0)
        var watch = watch(StreamExpectation(maxTimeToFirstEvent: .milliseconds(500)))
        #expect(deliver(": ping\n\n", at: 300, recorder: &recorder, watch: &watch) == .proceed)
        #expect(deliver(": ping\n\n", at: 600, recorder: &recorder, watch: &watch) == .stop(.timeToFirstEvent))
        var recorder2 = StreamRecorder(start: SSETestClock.t0)
        var watch2 = self.watch(StreamExpectation(maxTimeToFirstEvent: .milliseconds(500)))
        #expect(deliver(chat[0], at: 300, recorder: &recorder2, watch: &watch2) == .proceed)
        #expect(watch2.check(at: SSETestClock.at(ms: 5000)) == .proceed)
    }

    /// Proves the heartbeat-gap ceiling stops a silent pending stream, measured from the last byte (or the head).
    @Test func heartbeatGapStops() {
        var recorder = StreamRecorder(start: SSETestClock.t0)
        var watch = watch(StreamExpectation(maxHeartbeatGap: .milliseconds(1500)))
        #expect(watch.headReceived(at: SSETestClock.at(ms: 10)) == .proceed)
        #expect(watch.nextCheck == SSETestClock.at(ms: 1510))
        #expect(deliver(": ping\n\n", at: 520, recorder: &recorder, watch: &watch) == .proceed)
        #expect(watch.check(at: SSETestClock.at(ms: 2000)) == .proceed)
        #expect(watch.check(at: SSETestClock.at(ms: 2021)) == .stop(.heartbeatGap))
    }

    /// Proves a stall of the runner's own inside a pending gap postpones the heartbeat stop by the
    /// stall's length (only the part after the last byte counts; a byte starts afresh), so the stopped
    /// stream's gap is over the ceiling by the target's silence alone and the evaluator fails it.
    @Test func runnerStallPostponesTheHeartbeatStop() {
        var recorder = StreamRecorder(start: SSETestClock.t0)
        var watch = watch(StreamExpectation(maxHeartbeatGap: .milliseconds(300)))
        #expect(watch.headReceived(at: SSETestClock.at(ms: 10)) == .proceed)
        recorder.headReceived(at: SSETestClock.at(ms: 10))
        // Stalled from 0 ms (before the head: does not count) to 160 ms: 150 ms after the head.
        watch.runnerStalled(from: SSETestClock.at(ms: 0), to: SSETestClock.at(ms: 160))
        recorder.runnerStalled(from: SSETestClock.at(ms: 0), to: SSETestClock.at(ms: 160))
        #expect(watch.nextCheck == SSETestClock.at(ms: 460))
        #expect(watch.check(at: SSETestClock.at(ms: 400)) == .proceed)
        #expect(watch.check(at: SSETestClock.at(ms: 461)) == .stop(.heartbeatGap))
        recorder.ended(at: SSETestClock.at(ms: 461), reason: .stopped(.heartbeatGap))
        let findings = SSEFixtures.evaluate(recorder.timeline, StreamExpectation(maxHeartbeatGap: .milliseconds(300)))
            .findings.filter { $0.rule == .heartbeatGap }
        #expect(findings.count == 1 && findings.allSatisfy { !$0.notExercised })
        // A byte clears what the stall added: the next gap is measured from it alone.
        var fresh = self.watch(StreamExpectation(maxHeartbeatGap: .milliseconds(300)))
        var freshRecorder = StreamRecorder(start: SSETestClock.t0)
        #expect(fresh.headReceived(at: SSETestClock.at(ms: 10)) == .proceed)
        fresh.runnerStalled(from: SSETestClock.at(ms: 100), to: SSETestClock.at(ms: 250))
        #expect(deliver(": ping\n\n", at: 400, recorder: &freshRecorder, watch: &fresh) == .proceed)
        #expect(fresh.nextCheck == SSETestClock.at(ms: 700))
    }

    /// Proves the event-gap ceiling is not reset by heartbeats, so a stall behind pings is stopped.
    @Test func eventGapStopsDespiteHeartbeats() {
        var recorder = StreamRecorder(start: SSETestClock.t0)
        var watch = watch(StreamExpectation(maxEventGap: .milliseconds(1000)))
        #expect(deliver(chat[0], at: 100, recorder: &recorder, watch: &watch) == .proceed)
        #expect(deliver(": ping\n\n", at: 900, recorder: &recorder, watch: &watch) == .proceed)
        #expect(deliver(": ping\n\n", at: 1200, recorder: &recorder, watch: &watch) == .stop(.eventGap))
    }

    /// Proves the head and first-byte ceilings stop a server that never answers, and no rule means never stop.
    @Test func headAndFirstByteCeilings() {
        let head = watch(StreamExpectation(maxTimeToHead: .milliseconds(200)))
        #expect(head.check(at: SSETestClock.at(ms: 201)) == .stop(.timeToHead))
        var byte = watch(StreamExpectation(maxTimeToFirstByte: .milliseconds(200)))
        #expect(byte.headReceived(at: SSETestClock.at(ms: 10)) == .proceed)
        #expect(byte.check(at: SSETestClock.at(ms: 201)) == .stop(.timeToFirstByte))
        let unbounded = watch(StreamExpectation())
        #expect(unbounded.nextCheck == nil)
        #expect(unbounded.check(at: SSETestClock.at(ms: 1_000_000)) == .proceed)
    }

    /// Proves a stream stopped by the first-event ceiling evaluates to a first-event finding that names the stop.
    @Test func stoppedStreamEvaluatesConsistently() {
        let expectation = StreamExpectation(maxTimeToFirstEvent: .milliseconds(500), terminator: .done)
        var recorder = StreamRecorder(start: SSETestClock.t0)
        var watch = watch(expectation)
        _ = deliver(": ping\n\n", at: 300, recorder: &recorder, watch: &watch)
        let decision = watch.check(at: SSETestClock.at(ms: 520))
        guard case .stop(let reason) = decision else {
            Issue.record("expected a stop, got \(decision)")
            return
        }
        recorder.ended(at: SSETestClock.at(ms: 520), reason: .stopped(reason))
        let messages = SSEFixtures.evaluate(recorder.timeline, expectation).findings.map(\.message)
        #expect(
            messages.first
                == "no first real event arrived (ceiling 500 ms); the stream ended by stopped by the runner "
                + "(time_to_first_event ceiling passed) at 0.52 s")
        #expect(messages.count == 2)
    }
}
