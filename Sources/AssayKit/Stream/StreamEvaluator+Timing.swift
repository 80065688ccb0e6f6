/// The clock rules: time to head, first byte and first event, the two gap ceilings, the deadline.
extension StreamEvaluator {
    func timingFindings(_ observation: StreamObservation) -> [StreamFinding] {
        let timeline = observation.timeline
        var findings: [StreamFinding] = []
        if let ceiling = expectation.maxTimeToHead {
            findings += firstArrival(
                .timeToHead, "response head", at: timeline.headAt, ceiling: ceiling, observation: observation)
        }
        if let ceiling = expectation.maxTimeToFirstByte {
            findings += firstArrival(
                .timeToFirstByte, "first body byte", at: timeline.chunks.first?.at, ceiling: ceiling,
                observation: observation)
        }
        if let ceiling = expectation.maxTimeToFirstEvent {
            findings += firstArrival(
                .timeToFirstEvent, "first real event", at: observation.real.first?.event.at, ceiling: ceiling,
                observation: observation)
        }
        if let ceiling = expectation.maxHeartbeatGap {
            findings += heartbeatGapFindings(observation, ceiling: ceiling)
        }
        if let ceiling = expectation.maxEventGap {
            findings += eventGapFindings(observation, ceiling: ceiling)
        }
        if let deadline = expectation.deadline {
            // The answer ends at its terminator: reading on for `terminatorGrace` is the runner's wait.
            let terminatorAt = observation.terminatorIndex.map { observation.real[$0].event.at }
            let total = observation.offset(terminatorAt ?? timeline.lastInstant)
            if total > deadline {
                let how = timeline.end.map { "ended by \($0.reason)" } ?? "still open"
                findings.append(
                    StreamFinding(
                        .deadline,
                        "stream took \(StreamTime.ms(total)), exceeds deadline \(StreamTime.ms(deadline)) (\(how))",
                        offset: total))
            }
        }
        if let end = timeline.end, end.reason == .deadline, expectation.deadline == nil {
            // Without a `deadline` the request's own timeout ended the stream: it never ended by
            // itself, and an endless stream must not pass because no rule was waiting for its end.
            let total = observation.offset(end.at)
            findings.append(
                StreamFinding(
                    .deadline,
                    "the stream was still open when the request timeout ended it at \(StreamTime.seconds(total)) "
                        + "(no `deadline` set): it never ended by itself",
                    offset: total))
        }
        return findings
    }

    /// A "something must arrive within a ceiling" rule; a missing arrival is a finding once the
    /// stream is over or the ceiling has passed.
    private func firstArrival(
        _ rule: StreamFinding.Rule, _ what: String, at instant: ContinuousClock.Instant?, ceiling: Duration,
        observation: StreamObservation
    ) -> [StreamFinding] {
        if let instant {
            let elapsed = observation.offset(instant)
            guard elapsed > ceiling else { return [] }
            return [
                StreamFinding(
                    rule, "\(what) after \(StreamTime.ms(elapsed)) exceeds ceiling \(StreamTime.ms(ceiling))",
                    offset: elapsed)
            ]
        }
        let timeline = observation.timeline
        let elapsed = observation.offset(timeline.lastInstant)
        guard timeline.end != nil || elapsed > ceiling else { return [] }
        if let end = timeline.end, case .stopped(let reason) = end.reason, reason.rawValue != rule.rawValue,
            elapsed <= ceiling
        {
            // The runner cut the stream for another rule before this ceiling passed: the arrival
            // might still have come in time, so this rule observed nothing.
            return [
                StreamFinding(
                    rule,
                    "no \(what) by \(StreamTime.seconds(elapsed)), when the stream was \(end.reason) before the "
                        + "ceiling \(StreamTime.ms(ceiling)) passed",
                    offset: elapsed, notExercised: true)
            ]
        }
        let how =
            timeline.end.map { "the stream ended by \($0.reason) at \(StreamTime.seconds(elapsed))" }
            ?? "still waiting at \(StreamTime.seconds(elapsed))"
        return [StreamFinding(rule, "no \(what) arrived (ceiling \(StreamTime.ms(ceiling))); \(how)", offset: elapsed)]
    }

    /// Heartbeats keep a pending stream alive; when the first real event came within the ceiling
    /// of the head, nothing was pending long enough to need one, and a pass would claim too much.
    private func heartbeatGapFindings(_ observation: StreamObservation, ceiling: Duration) -> [StreamFinding] {
        let timeline = observation.timeline
        if let firstReal = observation.real.first?.event.at {
            let pendingFrom = timeline.headAt ?? timeline.start
            let pending = pendingFrom.duration(to: firstReal)
            if pending <= ceiling {
                return [
                    StreamFinding(
                        .heartbeatGap,
                        "the first real event came \(StreamTime.ms(pending)) after the response head, within the "
                            + "ceiling \(StreamTime.ms(ceiling)): nothing was pending long enough to need a heartbeat",
                        offset: observation.offset(firstReal), notExercised: true)
                ]
            }
        } else if let end = timeline.end {
            let pendingFrom = timeline.headAt ?? timeline.start
            let pending = pendingFrom.duration(to: end.at)
            if pending <= ceiling {
                return [
                    StreamFinding(
                        .heartbeatGap,
                        "the stream ended by \(end.reason) \(StreamTime.ms(pending)) after the response head, "
                            + "within the ceiling \(StreamTime.ms(ceiling)), without a real event: nothing was "
                            + "pending long enough to need a heartbeat",
                        offset: observation.offset(end.at), notExercised: true)
                ]
            }
        }
        let over = observation.pendingGaps.filter { $0.length > ceiling }
        // A gap is the target's only for the time the runner was there to see bytes arrive.
        let stalled = { (gap: StreamObservation.Gap) in timeline.runnerStalled(within: gap.from, gap.to) }
        let unexcused = over.filter { $0.length - stalled($0) > ceiling }
        if unexcused.isEmpty, let excused = over.max(by: { $0.length < $1.length }) {
            return [
                StreamFinding(
                    .heartbeatGap,
                    "a gap of \(StreamTime.ms(excused.length)) while waiting for the first event, but Assay itself "
                        + "was not running for \(StreamTime.ms(stalled(excused))) of it (the machine was overloaded): "
                        + "what the target sent then cannot be told",
                    offset: observation.offset(excused.from), notExercised: true)
            ]
        }
        guard let worst = unexcused.max(by: { $0.length < $1.length }) else { return [] }
        var message =
            "heartbeat gap \(StreamTime.ms(worst.length)) exceeds ceiling \(StreamTime.ms(ceiling)) "
            + "(between \(StreamTime.seconds(observation.offset(worst.from))) and "
            + "\(StreamTime.seconds(observation.offset(worst.to)))) while waiting for the first event"
        if unexcused.count > 1 { message += "; \(unexcused.count) gaps over the ceiling" }
        return [StreamFinding(.heartbeatGap, message, offset: observation.offset(worst.from))]
    }

    private func eventGapFindings(_ observation: StreamObservation, ceiling: Duration) -> [StreamFinding] {
        let gaps = observation.eventGaps
        if gaps.isEmpty {
            // One real event that ended the stream, or none: there is no gap to hold to the ceiling.
            let count = observation.answer.count
            let what = count == 0 ? "no real event arrived" : "the only real event was the terminator"
            let end = observation.timeline.end.map { observation.offset($0.at) }
            return [
                StreamFinding(
                    .eventGap, "\(what): no gap between real events to measure", offset: end, notExercised: true)
            ]
        }
        let over = gaps.filter { $0.length > ceiling }
        guard let worst = over.max(by: { $0.length < $1.length }), let fromEvent = worst.fromEvent else { return [] }
        var message: String
        let from = describe(observation, realIndex: fromEvent)
        if let toEvent = worst.toEvent {
            message =
                "gap between real events \(StreamTime.ms(worst.length)) exceeds ceiling \(StreamTime.ms(ceiling)) "
                + "(from \(from) to \(describe(observation, realIndex: toEvent)))"
        } else {
            let how = observation.timeline.end.map { " by \($0.reason)" } ?? ""
            message =
                "no real event for \(StreamTime.ms(worst.length)) (ceiling \(StreamTime.ms(ceiling))) after \(from) "
                + "until the stream ended\(how) at \(StreamTime.seconds(observation.offset(worst.to)))"
        }
        if over.count > 1 { message += "; \(over.count) gaps over the ceiling" }
        let itemIndex = observation.real[fromEvent].itemIndex
        return [StreamFinding(.eventGap, message, itemIndex: itemIndex, offset: observation.offset(worst.from))]
    }
}
