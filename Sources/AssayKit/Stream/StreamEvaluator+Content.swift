/// The content rules: event order, sequence numbers, error frames, per-event JSON matches.
extension StreamEvaluator {
    func contentFindings(_ observation: StreamObservation) -> [StreamFinding] {
        var findings: [StreamFinding] = []
        if let pattern = expectation.order,
            let divergence = pattern.firstDivergence(in: observation.real.map(\.event.type))
        {
            let entry = observation.real.indices.contains(divergence.index) ? observation.real[divergence.index] : nil
            let at = entry.map { " at \(StreamTime.seconds(observation.offset($0.event.at)))" } ?? ""
            findings.append(
                StreamFinding(
                    .eventOrder, "event order diverges: real \(divergence)\(at) (pattern: \(pattern))",
                    itemIndex: entry?.itemIndex, offset: entry.map { observation.offset($0.event.at) }))
        }
        if let rule = expectation.sequence { findings += sequenceFindings(observation, rule: rule) }
        if expectation.jsonData { findings += jsonDataFindings(observation) }
        // An expected error is judged by its own rule; reporting it as an error frame too would fail
        // the very stream that kept the contract.
        if let rule = expectation.expectedError {
            findings += errorSignalFindings(observation, rule: rule)
        } else if let rule = expectation.errorFrames {
            findings += errorFrameFindings(observation, rule: rule)
        }
        if !eventMatches.isEmpty { findings += matchFindings(observation) }
        return findings
    }

    private func sequenceFindings(_ observation: StreamObservation, rule: SequenceRule) -> [StreamFinding] {
        var findings: [StreamFinding] = []
        var previous: (value: Int, index: Int)?
        var reportedMissing = false
        var reportedOrder = false
        var counted = 0
        for (index, entry) in observation.real.enumerated() {
            // The `[DONE]` sentinel is not JSON and carries no counter by design.
            if let done = observation.terminatorRule.doneData, entry.event.data == done { continue }
            counted += 1
            let raw = entry.json.flatMap { rule.path.value(in: $0) }
            guard case .number(let number) = raw, let value = number.integer else {
                if rule.requiredOnEveryEvent, !reportedMissing {
                    reportedMissing = true
                    let found = raw.map { "a \($0.typeName)" } ?? "nothing"
                    findings.append(
                        StreamFinding(
                            .sequenceNumber,
                            "\(describe(observation, realIndex: index)) has no integer \(rule.path), found \(found)",
                            itemIndex: entry.itemIndex, offset: observation.offset(entry.event.at)))
                }
                continue
            }
            defer { previous = (value, index) }
            guard let previous, !reportedOrder else { continue }
            let problem: String?
            if value <= previous.value {
                problem = "not increasing: \(value) after \(previous.value) (real event #\(previous.index))"
            } else if rule.consecutive, value != previous.value + 1 {
                problem = "jumps from \(previous.value) to \(value), expected \(previous.value + 1)"
            } else {
                problem = nil
            }
            if let problem {
                reportedOrder = true
                findings.append(
                    StreamFinding(
                        .sequenceNumber, "\(rule.path) \(problem) at \(describe(observation, realIndex: index))",
                        itemIndex: entry.itemIndex, offset: observation.offset(entry.event.at)))
            }
        }
        if counted == 0 {
            let sentinel = observation.real.isEmpty ? "" : " besides the terminator's sentinel"
            return [
                StreamFinding(
                    .sequenceNumber, "no real event\(sentinel) arrived: no \(rule.path) to check",
                    offset: observation.timeline.end.map { observation.offset($0.at) }, notExercised: true)
            ]
        }
        return findings
    }

    /// A data frame that is not JSON in a JSON stream, e.g. one cut mid-object: named by its index,
    /// its offset and its first bytes, since the reassembled text alone cannot say which frame broke.
    private func jsonDataFindings(_ observation: StreamObservation) -> [StreamFinding] {
        let done = observation.terminatorRule.doneData
        let bad = observation.real.indices.filter { index in
            let entry = observation.real[index]
            return entry.json == nil && entry.event.data != done
        }
        guard let first = bad.first else { return [] }
        let entry = observation.real[first]
        var message =
            "\(describe(observation, realIndex: first)) is not JSON: its data begins \(quote(entry.event.data, limit: 40))"
        if bad.count > 1 { message += "; \(bad.count) such events" }
        return [
            StreamFinding(.jsonData, message, itemIndex: entry.itemIndex, offset: observation.offset(entry.event.at))
        ]
    }

    private func errorFrameFindings(_ observation: StreamObservation, rule: ErrorFrameRule) -> [StreamFinding] {
        // A failure terminator is already reported by the terminator rule; one finding per fact.
        let terminatorReports = expectation.terminator?.failureIsFinding ?? false
        var findings: [StreamFinding] = []
        for (index, entry) in observation.real.enumerated() {
            if terminatorReports, entry.termination == .failure { continue }
            let member = entry.json?[rule.member]
            let isError = rule.eventTypes.contains(entry.event.type) || (member != nil && member != .null)
            guard isError else { continue }
            let reason = errorMessage(in: entry.json) ?? quote(entry.event.data)
            findings.append(
                StreamFinding(
                    .errorFrame, "error frame in the stream at \(describe(observation, realIndex: index)): \(reason)",
                    itemIndex: entry.itemIndex, offset: observation.offset(entry.event.at)))
        }
        return findings
    }

    private func matchFindings(_ observation: StreamObservation) -> [StreamFinding] {
        guard let match else {
            return [StreamFinding(.eventMatch, "event expectations given but no JSON matcher was supplied")]
        }
        var findings: [StreamFinding] = []
        for expectation in eventMatches {
            let selected = select(expectation.selector, in: observation)
            if selected.isEmpty {
                findings.append(
                    StreamFinding(
                        .eventMatch,
                        "no \(missing(expectation.selector)) in the stream (\(observation.real.count) real events)"))
            }
            for index in selected {
                let entry = observation.real[index]
                let actual = entry.json ?? .string(entry.event.data)
                let mismatches = match(expectation.expected, actual)
                guard !mismatches.isEmpty else { continue }
                findings.append(
                    StreamFinding(
                        .eventMatch,
                        "\(describe(observation, realIndex: index)): \(mismatches.joined(separator: "; "))",
                        itemIndex: entry.itemIndex, offset: observation.offset(entry.event.at)))
            }
        }
        return findings
    }

    /// A selector that picked nothing, as in "no \"delta\" event": `every` would read "no every".
    private func missing(_ selector: EventSelector) -> String {
        if case .type(let type, nil) = selector { return "\"\(type)\" event" }
        return selector.description
    }

    /// The real-event indices a selector picks.
    private func select(_ selector: EventSelector, in observation: StreamObservation) -> [Int] {
        switch selector {
        case .index(let index):
            let resolved = index < 0 ? observation.real.count + index : index
            return observation.real.indices.contains(resolved) ? [resolved] : []
        case .type(let type, let occurrence):
            let all = observation.real.indices.filter { observation.real[$0].event.type == type }
            guard let occurrence else { return all }
            return all.indices.contains(occurrence) ? [all[occurrence]] : []
        }
    }
}
