/// The `error_signal` rule (`expectError`): a stream meant to fail must end with an error frame of an
/// accepted shape, or the error must be answered before the stream. Every failure names the event
/// concerned by its index, its offset and its first bytes, since "the stream just stopped" and "it
/// stopped with a malformed error" need different fixes.
extension StreamEvaluator {
    func errorSignalFindings(_ observation: StreamObservation, rule: StreamErrorExpectation) -> [StreamFinding] {
        // A `[DONE]` after the error is what many servers send, and what OpenAI's SDK stops reading at.
        let done = observation.terminatorRule.doneData
        let candidates = observation.real.indices.filter { observation.real[$0].event.data != done }
        guard let errorIndex = candidates.first(where: { isErrorLike(observation.real[$0], rule: rule) }) else {
            return [noErrorSignalled(observation, candidates: candidates)]
        }
        let entry = observation.real[errorIndex]
        var findings: [StreamFinding] = []
        if let problem = shapeProblem(entry, rule: rule) {
            findings.append(
                StreamFinding(
                    .errorSignal,
                    "\(describe(observation, realIndex: errorIndex)) is an error frame but not an accepted one: "
                        + "\(problem); its data begins \(quote(entry.event.data, limit: 60))",
                    itemIndex: entry.itemIndex, offset: observation.offset(entry.event.at)))
        }
        let after = candidates.filter { $0 > errorIndex }
        if let first = after.first {
            let next = observation.real[first]
            findings.append(
                StreamFinding(
                    .errorSignal,
                    "the stream went on after its error frame (\(describe(observation, realIndex: errorIndex))): "
                        + "\(after.count) more real event\(after.count == 1 ? "" : "s"), the first "
                        + "\(describe(observation, realIndex: first)) begins \(quote(next.event.data, limit: 40))",
                    itemIndex: next.itemIndex, offset: observation.offset(next.event.at)))
        }
        return findings
    }

    /// Whether an event looks like an error at all: an error type, a non-null error member, or the
    /// type of an accepted frame.
    private func isErrorLike(_ entry: StreamObservation.Entry, rule: StreamErrorExpectation) -> Bool {
        if rule.classifier.eventTypes.contains(entry.event.type) { return true }
        if rule.frames.contains(where: { $0.eventType == entry.event.type }) { return true }
        guard let member = entry.json?[rule.classifier.member] else { return false }
        return member != .null
    }

    /// Nil when the frame has an accepted shape; else why the closest accepted frame does not match.
    private func shapeProblem(_ entry: StreamObservation.Entry, rule: StreamErrorExpectation) -> String? {
        let sameType = rule.frames.filter { $0.eventType == nil || $0.eventType == entry.event.type }
        guard !sameType.isEmpty else {
            let types = rule.frames.compactMap(\.eventType).map { "\"\($0)\"" }.joined(separator: " or ")
            return "its type is \"\(entry.event.type)\", expected \(types)"
        }
        guard let match = errorMatch ?? match else { return "no JSON matcher was supplied" }
        let actual = entry.json ?? .string(entry.event.data)
        var problems: [String] = []
        for frame in sameType {
            let mismatches = match(frame.data, actual)
            if mismatches.isEmpty { return nil }
            problems.append(mismatches.joined(separator: "; "))
        }
        // The first accepted shape of its type is the one the author listed first: report against it.
        return problems[0]
    }

    /// No error frame at all: say how the stream ended, and quote its last real event.
    private func noErrorSignalled(_ observation: StreamObservation, candidates: [Int]) -> StreamFinding {
        let timeline = observation.timeline
        let at = StreamTime.seconds(observation.offset(timeline.lastInstant))
        let how =
            timeline.end.map { "the stream ended by \($0.reason) at \(at)" } ?? "the stream is still open at \(at)"
        var message = "no error was signalled: \(how) after \(observation.real.count) real events"
        guard let lastIndex = observation.real.indices.last else {
            return StreamFinding(.errorSignal, message, offset: observation.offset(timeline.lastInstant))
        }
        // The last event that could have been the error: a `[DONE]` after it is quoted only as the terminator.
        let shownIndex = candidates.last ?? lastIndex
        let shown = observation.real[shownIndex]
        if let terminator = observation.terminatorIndex, terminator != shownIndex {
            message += ", its terminator \(describe(observation, realIndex: terminator))"
        }
        message +=
            "; the last, \(describe(observation, realIndex: shownIndex)), begins \(quote(shown.event.data, limit: 40))"
        return StreamFinding(
            .errorSignal, message, itemIndex: shown.itemIndex, offset: observation.offset(shown.event.at))
    }
}

extension StreamErrorExpectation {
    /// Judges an error answered instead of a stream (a non-2xx status): nil when its JSON body has
    /// the accepted shape. `match` compares expected JSON with the body as a subset.
    public func answerProblem(status: Int, body: String, match: StreamJSONMatching, decode: StreamJSONDecoding)
        -> String?
    {
        let start = body.count > 60 ? String(body.prefix(60)) + "…" : body
        let quoted = "\"\(start.replacingOccurrences(of: "\n", with: "\\n"))\""
        guard let answer else {
            return "the error was answered before the stream (status \(status)), but only an error frame inside "
                + "the stream is accepted; the body begins \(quoted)"
        }
        guard let json = decode(body) else {
            return "the error answered before the stream (status \(status)) is not JSON: its body begins \(quoted)"
        }
        let mismatches = match(answer, json)
        guard !mismatches.isEmpty else { return nil }
        return "the error answered before the stream (status \(status)) is not an accepted one: "
            + "\(mismatches.joined(separator: "; ")); its body begins \(quoted)"
    }
}
