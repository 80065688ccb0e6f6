/// Checks a recorded `StreamTimeline` against a `StreamExpectation`. Pure: the same timeline
/// always gives the same findings, so every timing rule is tested with synthetic instants.
public struct StreamEvaluator: Sendable {
    /// The rules to check.
    public var expectation: StreamExpectation
    /// How event data is decoded as JSON.
    public var decode: StreamJSONDecoding
    /// Expected JSON for selected events, with the run's variables resolved.
    public var eventMatches: [EventMatch]
    /// How expected JSON is compared with event data (needed only for `eventMatches`).
    public var match: StreamJSONMatching?
    /// Masks secrets in finding messages, which quote event data.
    public var redactor: Redactor
    /// How an expected error frame's data is compared (a subset, whatever `eventsCompare` says);
    /// nil uses `match`.
    public var errorMatch: StreamJSONMatching?

    /// Creates an evaluator.
    public init(
        expectation: StreamExpectation, eventMatches: [EventMatch] = [], decode: @escaping StreamJSONDecoding,
        match: StreamJSONMatching? = nil, redactor: Redactor = Redactor(), errorMatch: StreamJSONMatching? = nil
    ) {
        self.errorMatch = errorMatch
        self.expectation = expectation
        self.eventMatches = eventMatches
        self.decode = decode
        self.match = match
        self.redactor = redactor
    }

    /// Every finding, in rule order (timing, then ending, then content), with secrets masked.
    public func findings(for timeline: StreamTimeline) -> [StreamFinding] {
        evaluate(timeline).findings
    }

    /// The findings for a timeline already classified (see `evaluate(_:)` with an observation).
    func findings(for observation: StreamObservation) -> [StreamFinding] {
        evaluate(observation).findings
    }

    /// Findings and summary numbers together, from one classification pass.
    public func evaluate(_ timeline: StreamTimeline) -> StreamEvaluation {
        evaluate(StreamObservation(timeline: timeline, expectation: expectation, decode: decode))
    }

    /// Findings and summary numbers from a timeline already classified: every event's JSON is
    /// decoded once per stream, however many evaluators and reassemblies judge it. The
    /// observation must come from this evaluator's heartbeat and terminator rules.
    func evaluate(_ observation: StreamObservation) -> StreamEvaluation {
        var findings: [StreamFinding] = []
        findings += timingFindings(observation)
        findings += endingFindings(observation)
        findings += contentFindings(observation)
        findings = findings.map {
            var finding = $0
            finding.message = redactor.redact(finding.message)
            return finding
        }
        let summary = StreamSummary(observation: observation, deltas: expectation.deltas, redactor: redactor)
        return StreamEvaluation(findings: findings, summary: summary)
    }

    /// A short, redaction-ready quote of event data for messages.
    func quote(_ data: String, limit: Int = 80) -> String {
        let shown = data.count > limit ? String(data.prefix(limit)) + "…" : data
        return "\"\(shown.replacingOccurrences(of: "\n", with: "\\n"))\""
    }

    /// `real event #3 (response.output_text.delta) at 0.84 s`.
    func describe(_ observation: StreamObservation, realIndex: Int) -> String {
        let entry = observation.real[realIndex]
        return
            "real event #\(realIndex) (\(entry.event.type)) at \(StreamTime.seconds(observation.offset(entry.event.at)))"
    }
}

/// The result of evaluating one stream.
public struct StreamEvaluation: Sendable {
    /// What differs from the expectation; empty when the stream passed.
    public var findings: [StreamFinding]
    /// Numbers and the per-event timeline for reports.
    public var summary: StreamSummary
}
