import Testing

@testable import AssayKit

private func rules(_ findings: [StreamFinding]) -> [StreamFinding.Rule] { findings.map(\.rule) }

@Suite("SSE evaluator timing rules")
struct SSEEvaluatorTimingTests {
    private let chat = SSEFixtures.chatStream(deltas: ["Hel", "lo"])

    /// Proves the time-to-head ceiling passes a fast head and reports a slow one with both numbers.
    @Test func timeToHead() {
        let expectation = StreamExpectation(maxTimeToHead: .milliseconds(100))
        let fast = SSEFixtures.timeline(head: 50, SSEFixtures.spaced(chat, from: 60, every: 10))
        #expect(SSEFixtures.evaluate(fast, expectation).findings.isEmpty)
        let slow = SSEFixtures.timeline(head: 250, SSEFixtures.spaced(chat, from: 260, every: 10))
        let findings = SSEFixtures.evaluate(slow, expectation).findings
        #expect(findings.map(\.message) == ["response head after 250 ms exceeds ceiling 100 ms"])
        let headless = SSEFixtures.timeline(head: nil, [], end: (ms: 30, reason: .cut(detail: "curl 7")))
        #expect(rules(SSEFixtures.evaluate(headless, expectation).findings) == [.timeToHead])
    }

    /// Proves the time-to-first-byte ceiling measures the first body chunk, not the head.
    @Test func timeToFirstByte() {
        let expectation = StreamExpectation(maxTimeToFirstByte: .milliseconds(500))
        let pass = SSEFixtures.timeline(head: 10, SSEFixtures.spaced(chat, from: 400, every: 10))
        #expect(SSEFixtures.evaluate(pass, expectation).findings.isEmpty)
        let fail = SSEFixtures.timeline(head: 10, SSEFixtures.spaced(chat, from: 900, every: 10))
        #expect(
            SSEFixtures.evaluate(fail, expectation).findings.map(\.message) == [
                "first body byte after 900 ms exceeds ceiling 500 ms"
            ])
    }

    /// Proves heartbeat comments do not satisfy the first-event ceiling: only a real event does.
    @Test func timeToFirstEventIgnoresHeartbeats() {
        let expectation = StreamExpectation(maxTimeToFirstEvent: .milliseconds(2000))
        let pings = (1...5).map { SSEChunk(ms: $0 * 500, text: ": ping\n\n") }
        let pass = SSEFixtures.timeline(pings.prefix(3) + SSEFixtures.spaced(chat, from: 1800, every: 20))
        #expect(SSEFixtures.evaluate(pass, expectation).findings.isEmpty)
        let fail = SSEFixtures.timeline(pings + SSEFixtures.spaced(chat, from: 3000, every: 20))
        #expect(
            SSEFixtures.evaluate(fail, expectation).findings.map(\.message) == [
                "first real event after 3000 ms exceeds ceiling 2000 ms"
            ])
        let never = SSEFixtures.timeline(pings, end: (ms: 2600, reason: .cleanEOF))
        let messages = SSEFixtures.evaluate(never, expectation).findings.map(\.message)
        #expect(messages == ["no first real event arrived (ceiling 2000 ms); the stream ended by clean EOF at 2.60 s"])
    }

    /// Proves the heartbeat-gap rule passes regular pings and reports the widest silence before the first token.
    @Test func heartbeatGapWhilePending() {
        let expectation = StreamExpectation(maxHeartbeatGap: .milliseconds(1500))
        let regular = (1...3).map { SSEChunk(ms: $0 * 500, text: ": ping\n\n") }
        let pass = SSEFixtures.timeline(head: 10, regular + SSEFixtures.spaced(chat, from: 2000, every: 10))
        #expect(SSEFixtures.evaluate(pass, expectation).findings.isEmpty)
        let stalled = [SSEChunk(ms: 520, text: ": ping\n\n"), SSEChunk(ms: 2830, text: ": ping\n\n")]
        let fail = SSEFixtures.timeline(head: 10, stalled + SSEFixtures.spaced(chat, from: 3000, every: 10))
        #expect(
            SSEFixtures.evaluate(fail, expectation).findings.map(\.message) == [
                "heartbeat gap 2310 ms exceeds ceiling 1500 ms (between 0.52 s and 2.83 s) while waiting for the first event"
            ])
    }

    /// Proves a gap that the runner itself spent stalled (not scheduled, or busy) is no evidence
    /// against the target: not exercised, naming the stall; the same gap with the runner awake fails,
    /// and a stall that leaves the target's own part over the ceiling still fails.
    @Test func heartbeatGapAcrossARunnerStallIsNotExercised() {
        let expectation = StreamExpectation(maxHeartbeatGap: .milliseconds(1500))
        let pings = [SSEChunk(ms: 520, text: ": ping\n\n"), SSEChunk(ms: 2830, text: ": ping\n\n")]
        var stalled = SSEFixtures.timeline(head: 10, pings + SSEFixtures.spaced(chat, from: 3000, every: 10))
        stalled.runnerStalled(from: SSETestClock.at(ms: 600), to: SSETestClock.at(ms: 2800))
        let excused = SSEFixtures.evaluate(stalled, expectation).findings
        #expect(excused.map(\.notExercised) == [true])
        #expect(
            excused.map(\.message) == [
                "a gap of 2310 ms while waiting for the first event, but Assay itself was not running for 2200 ms "
                    + "of it (the machine was overloaded): what the target sent then cannot be told"
            ])
        var brief = SSEFixtures.timeline(head: 10, pings + SSEFixtures.spaced(chat, from: 3000, every: 10))
        brief.runnerStalled(from: SSETestClock.at(ms: 600), to: SSETestClock.at(ms: 900))
        #expect(SSEFixtures.evaluate(brief, expectation).findings.map(\.notExercised) == [false])
    }

    /// Proves the heartbeat gap stops being measured once the first real event arrives.
    @Test func heartbeatGapEndsAtFirstEvent() {
        let expectation = StreamExpectation(maxHeartbeatGap: .milliseconds(500))
        let pings = [SSEChunk(ms: 300, text: ": ping\n\n"), SSEChunk(ms: 600, text: ": ping\n\n")]
        let frames = pings + SSEFixtures.spaced(chat, from: 700, every: 2000)
        let timeline = SSEFixtures.timeline(head: 10, frames)
        #expect(SSEFixtures.evaluate(timeline, expectation).findings.isEmpty)
        #expect(SSEFixtures.evaluate(timeline, expectation).summary.maxHeartbeatGap == .milliseconds(300))
    }

    /// Proves a first event within the ceiling of the head leaves the heartbeat rule nothing to
    /// observe: not exercised, with both numbers, even at a 1 ms ceiling (never a silent pass);
    /// one just past the ceiling with no ping in between fails.
    @Test func heartbeatNotExercisedWithoutPendingPhase() {
        let immediate = SSEFixtures.timeline(head: 10, SSEFixtures.spaced(chat, from: 10, every: 5))
        let findings = SSEFixtures.evaluate(immediate, StreamExpectation(maxHeartbeatGap: .milliseconds(1))).findings
        #expect(findings.map(\.notExercised) == [true])
        #expect(
            findings.map(\.message) == [
                "the first real event came 0 ms after the response head, within the ceiling 1 ms: "
                    + "nothing was pending long enough to need a heartbeat"
            ])
        let quick = SSEFixtures.timeline(head: 10, SSEFixtures.spaced(chat, from: 200, every: 5))
        #expect(
            SSEFixtures.evaluate(quick, StreamExpectation(maxHeartbeatGap: .milliseconds(250))).findings.map(
                \.notExercised) == [true])
        let silent = SSEFixtures.timeline(head: 10, SSEFixtures.spaced(chat, from: 300, every: 5))
        let broken = SSEFixtures.evaluate(silent, StreamExpectation(maxHeartbeatGap: .milliseconds(250))).findings
        #expect(broken.map(\.rule) == [.heartbeatGap] && broken.map(\.notExercised) == [false])
    }

    /// Proves heartbeats between deltas do not reset the real-event clock, so a stall behind pings is reported.
    @Test func eventGapIgnoresHeartbeats() {
        let expectation = StreamExpectation(maxEventGap: .milliseconds(1000))
        let pass = SSEFixtures.timeline(SSEFixtures.spaced(chat, from: 100, every: 100))
        #expect(SSEFixtures.evaluate(pass, expectation).findings.isEmpty)
        var chunks = SSEFixtures.spaced(Array(chat.prefix(2)), from: 100, every: 100)
        chunks += [1000, 2000, 3000].map { SSEChunk(ms: $0, text: ": ping\n\n") }
        chunks += SSEFixtures.spaced(Array(chat.dropFirst(2)), from: 3500, every: 10)
        let findings = SSEFixtures.evaluate(SSEFixtures.timeline(chunks), expectation).findings
        #expect(
            findings.map(\.message) == [
                "gap between real events 3300 ms exceeds ceiling 1000 ms (from real event #1 (message) at 0.20 s "
                    + "to real event #2 (message) at 3.50 s)"
            ])
    }

    /// Proves a stream that stalls after some deltas until the deadline reports the silence up to its end.
    @Test func eventGapRunsToEndWithoutTerminator() {
        let expectation = StreamExpectation(maxEventGap: .milliseconds(1000))
        var chunks = SSEFixtures.spaced(Array(chat.prefix(2)), from: 100, every: 100)
        chunks += [1000, 2000].map { SSEChunk(ms: $0, text: ": ping\n\n") }
        let timeline = SSEFixtures.timeline(chunks, end: (ms: 5200, reason: .deadline))
        let findings = SSEFixtures.evaluate(timeline, expectation).findings
        #expect(
            findings.map(\.message) == [
                "no real event for 5000 ms (ceiling 1000 ms) after real event #1 (message) at 0.20 s "
                    + "until the stream ended by request timeout at 5.20 s",
                "the stream was still open when the request timeout ended it at 5.20 s (no `deadline` set): "
                    + "it never ended by itself",
            ])
    }

    /// Proves a stream that only the request's own timeout ended is a `deadline` finding even when no
    /// rule waits for its end: an endless stream with `terminator: false` and no `deadline` passed.
    @Test func requestTimeoutEndsAStreamThatNeverEnded() {
        let endless = SSEFixtures.timeline(
            SSEFixtures.spaced(Array(chat.prefix(3)), from: 100, every: 100), end: (ms: 3000, reason: .deadline))
        let findings = SSEFixtures.evaluate(endless, StreamExpectation()).findings
        #expect(findings.map(\.rule) == [.deadline] && findings.map(\.notExercised) == [false])
        #expect(
            findings.map(\.message) == [
                "the stream was still open when the request timeout ended it at 3.00 s (no `deadline` set): "
                    + "it never ended by itself"
            ])
        let ended = SSEFixtures.timeline(SSEFixtures.spaced(Array(chat.prefix(3)), from: 100, every: 100))
        #expect(SSEFixtures.evaluate(ended, StreamExpectation()).findings.isEmpty)
    }

    /// Proves a first-arrival ceiling the runner never waited out (it stopped the stream earlier for
    /// another rule) is not exercised, not a claim that nothing came within it; once the ceiling
    /// passed, or the server itself ended the stream, it is a finding.
    @Test func firstEventCeilingCutShortByAnotherRuleIsNotExercised() {
        let expectation = StreamExpectation(maxTimeToFirstEvent: .seconds(1), maxHeartbeatGap: .milliseconds(500))
        let silent = SSEFixtures.timeline(head: 5, [], end: (ms: 510, reason: .stopped(.heartbeatGap)))
        let findings = SSEFixtures.evaluate(silent, expectation).findings
        #expect(findings.map(\.rule) == [.timeToFirstEvent, .heartbeatGap])
        #expect(findings.map(\.notExercised) == [true, false])
        #expect(
            findings.first?.message
                == "no first real event by 0.51 s, when the stream was stopped by the runner (heartbeat_gap ceiling "
                + "passed) before the ceiling 1000 ms passed")
        let late = SSEFixtures.timeline(head: 5, [], end: (ms: 1010, reason: .stopped(.heartbeatGap)))
        #expect(SSEFixtures.evaluate(late, expectation).findings.map(\.notExercised) == [false, false])
        let closed = SSEFixtures.timeline(head: 5, [], end: (ms: 510, reason: .cleanEOF))
        let byServer = SSEFixtures.evaluate(closed, StreamExpectation(maxTimeToFirstEvent: .seconds(1))).findings
        #expect(byServer.map(\.rule) == [.timeToFirstEvent] && byServer.map(\.notExercised) == [false])
    }

    /// Proves the heartbeat rule on a stream that ended without a real event within the ceiling of
    /// the head is not exercised (nothing was pending long enough), as when the first event comes early.
    @Test func heartbeatGapOnAStreamThatEndedAtOnceIsNotExercised() {
        let expectation = StreamExpectation(maxHeartbeatGap: .seconds(1))
        let empty = SSEFixtures.timeline(head: 5, [], end: (ms: 25, reason: .cleanEOF))
        let findings = SSEFixtures.evaluate(empty, expectation).findings
        #expect(findings.map(\.rule) == [.heartbeatGap] && findings.map(\.notExercised) == [true])
        #expect(
            findings.map(\.message) == [
                "the stream ended by clean EOF 20 ms after the response head, within the ceiling 1000 ms, without a "
                    + "real event: nothing was pending long enough to need a heartbeat"
            ])
        let silentTooLong = SSEFixtures.timeline(head: 5, [], end: (ms: 1500, reason: .cleanEOF))
        let broken = SSEFixtures.evaluate(silentTooLong, expectation).findings
        #expect(broken.map(\.rule) == [.heartbeatGap] && broken.map(\.notExercised) == [false])
    }

    /// Proves the event-gap rule with no gap to measure (no real event, or only the terminator) is
    /// not exercised rather than a pass; one real event and then silence to the end is measured.
    @Test func eventGapWithoutAGapIsNotExercised() {
        let expectation = StreamExpectation(maxEventGap: .seconds(1), terminator: .done)
        let empty = SSEFixtures.timeline([], end: (ms: 20, reason: .cleanEOF))
        let none = SSEFixtures.evaluate(empty, expectation).findings.filter { $0.rule == .eventGap }
        #expect(none.map(\.notExercised) == [true])
        #expect(none.map(\.message) == ["no real event arrived: no gap between real events to measure"])
        let onlyDone = SSEFixtures.timeline([SSEChunk(ms: 10, text: "data: [DONE]\n\n")])
        let done = SSEFixtures.evaluate(onlyDone, expectation).findings
        #expect(done.map(\.rule) == [.eventGap] && done.map(\.notExercised) == [true])
        #expect(
            done.map(\.message) == ["the only real event was the terminator: no gap between real events to measure"])
        let stalled = SSEFixtures.timeline(
            [SSEChunk(ms: 10, text: chat[0])], end: (ms: 1500, reason: .stopped(.eventGap)))
        let measured = SSEFixtures.evaluate(stalled, expectation).findings.filter { $0.rule == .eventGap }
        #expect(measured.map(\.notExercised) == [false])
    }

    /// Proves the total deadline passes a stream that ends in time and reports one that does not, with how it ended.
    @Test func totalDeadline() {
        let expectation = StreamExpectation(deadline: .seconds(2))
        let pass = SSEFixtures.timeline(SSEFixtures.spaced(chat, from: 100, every: 100))
        #expect(SSEFixtures.evaluate(pass, expectation).findings.isEmpty)
        let fail = SSEFixtures.timeline(
            SSEFixtures.spaced(chat, from: 100, every: 600), end: (ms: 2500, reason: .stopped(.deadline)))
        #expect(
            SSEFixtures.evaluate(fail, expectation).findings.map(\.message) == [
                "stream took 2500 ms, exceeds deadline 2000 ms (ended by stopped by the runner (deadline passed))"
            ])
    }

    /// Proves the deadline judges the answer up to its terminator: a stream whose `[DONE]` came in
    /// time passes even when the runner read on past the deadline (its grace), or the server closed
    /// late; a terminator after the deadline breaks it.
    @Test func deadlineEndsAtTheTerminator() {
        let expectation = StreamExpectation(deadline: .seconds(2), terminator: .done)
        let inTime = SSEFixtures.spaced(chat, from: 1800, every: 10)
        let graced = SSEFixtures.timeline(inTime, end: (ms: 2006, reason: .stopped(.deadline)))
        #expect(SSEFixtures.evaluate(graced, expectation).findings.isEmpty)
        let closedLate = SSEFixtures.timeline(inTime, end: (ms: 2300, reason: .cleanEOF))
        #expect(SSEFixtures.evaluate(closedLate, expectation).findings.isEmpty)
        let late = SSEFixtures.timeline(
            SSEFixtures.spaced(chat, from: 1900, every: 50), end: (ms: 2100, reason: .stopped(.terminator)))
        #expect(
            SSEFixtures.evaluate(late, expectation).findings.map(\.message) == [
                "stream took 2100 ms, exceeds deadline 2000 ms (ended by stopped by the runner "
                    + "(terminator seen))"
            ])
    }

    /// Proves the summary reports the clocks, counts and per-item rows a report needs.
    @Test func summaryNumbers() {
        var chunks = [
            SSEChunk(ms: 100, text: ": ping\n\n"), SSEChunk(ms: 300, text: "data: {\"type\":\"heartbeat\"}\n\n"),
        ]
        chunks += SSEFixtures.spaced(chat, from: 400, every: 50)
        let summary = SSEFixtures.evaluate(SSEFixtures.timeline(head: 20, chunks), .chatCompletions).summary
        #expect(summary.timeToHead == .milliseconds(20))
        #expect(summary.timeToFirstByte == .milliseconds(100))
        #expect(summary.timeToFirstEvent == .milliseconds(400))
        #expect(summary.maxHeartbeatGap == .milliseconds(200))
        #expect(summary.maxEventGap == .milliseconds(50))
        #expect(summary.eventCount == 6)
        #expect(summary.realEventCount == 5)
        #expect(summary.heartbeatCount == 2)
        #expect(summary.commentCount == 1)
        #expect(summary.terminator == "[DONE]")
        #expect(summary.endReason == .cleanEOF)
        #expect(summary.reassembledText == "Hello")
        #expect(summary.entries.map(\.isHeartbeat) == [true, true, false, false, false, false, false])
        #expect(summary.entries.first?.offsetMs == 100)
        #expect(summary.entries.first?.type == "comment")
    }
}
