/// How the stream ended: terminator present, nothing after it, no truncated or oversized event.
extension StreamEvaluator {
    func endingFindings(_ observation: StreamObservation) -> [StreamFinding] {
        var findings: [StreamFinding] = []
        let timeline = observation.timeline
        for (index, item) in timeline.items.enumerated() {
            switch item {
            case .discarded(let discard):
                // The runner's own stop for a broken rule (deadline, a ceiling) cut the event short, not
                // the server: that rule is the finding. A partial event after the terminator is the server's.
                if case .stopped(let reason) = timeline.end?.reason, reason != .terminator { continue }
                var message = discard.summary
                if !discard.data.isEmpty { message += ": \(quote(discard.data))" }
                message += " when the stream ended by \(timeline.end?.reason.description ?? "finish")"
                findings.append(
                    StreamFinding(.truncatedEvent, message, itemIndex: index, offset: observation.offset(discard.at)))
            case .limitExceeded(let error):
                findings.append(
                    StreamFinding(.sizeLimit, error.summary, itemIndex: index, offset: observation.offset(error.at)))
            case .event, .comment:
                break
            }
        }
        guard let rule = expectation.terminator else { return findings }
        guard let terminatorIndex = observation.terminatorIndex else {
            if rule.required { findings.append(missingTerminator(observation, rule: rule)) }
            return findings
        }
        let terminator = observation.real[terminatorIndex]
        if terminator.termination == .failure, rule.failureIsFinding, expectation.expectedError == nil {
            var message = "stream ended with failure terminator \(describe(observation, realIndex: terminatorIndex))"
            if let reason = errorMessage(in: terminator.json) { message += ": \(reason)" }
            findings.append(
                StreamFinding(
                    .terminator, message, itemIndex: terminator.itemIndex,
                    offset: observation.offset(terminator.event.at)))
        }
        if !rule.allowsEventsAfter {
            let after = observation.events.filter { $0.itemIndex > terminator.itemIndex }
            if let first = after.first {
                // Named as the other rules name events: its real-event index (a heartbeat has none) and offset.
                let at = StreamTime.seconds(observation.offset(first.event.at))
                let which =
                    observation.real.firstIndex { $0.itemIndex == first.itemIndex }
                    .map { describe(observation, realIndex: $0) } ?? "a heartbeat (\(first.event.type)) at \(at)"
                let message =
                    "\(after.count) event\(after.count == 1 ? "" : "s") after the terminator "
                    + "(\(describe(observation, realIndex: terminatorIndex))); first: \(which), "
                    + "data \(quote(first.event.data))"
                findings.append(
                    StreamFinding(
                        .afterTerminator, message, itemIndex: first.itemIndex,
                        offset: observation.offset(first.event.at)))
            }
        }
        return findings
    }

    private func missingTerminator(_ observation: StreamObservation, rule: TerminatorRule) -> StreamFinding {
        let timeline = observation.timeline
        let at = StreamTime.seconds(observation.offset(timeline.lastInstant))
        let how =
            timeline.end.map { "the stream ended by \($0.reason) at \(at)" } ?? "the stream is still open at \(at)"
        var message =
            "no terminator (expected \(rule.expectedDescription)); \(how) after \(observation.real.count) real events"
        if let last = observation.real.last {
            message += ", the last \(last.event.type) \(quote(last.event.data, limit: 40))"
        }
        if timeline.items.contains(where: { if case .discarded = $0 { true } else { false } }) {
            message += "; an unterminated final event was discarded"
        }
        return StreamFinding(.terminator, message, offset: observation.offset(timeline.lastInstant))
    }

    /// The human message of an error frame: `error.message`, `message`, or `response.error.message`.
    func errorMessage(in json: JSONValue?) -> String? {
        guard let json else { return nil }
        let paths: [StreamFieldPath] = ["error.message", "message", "response.error.message", "error"]
        for path in paths {
            if case .string(let text) = path.value(in: json) { return quote(text, limit: 200) }
        }
        return nil
    }
}
