/// A timeline with every event classified once (decoded JSON, heartbeat or real, terminator),
/// shared by the evaluator's rules and the summary so they never disagree.
struct StreamObservation {
    /// One event of the timeline with its classification.
    struct Entry {
        /// The index of the event in the timeline's items.
        var itemIndex: Int
        var event: SSEEvent
        var json: JSONValue?
        var isHeartbeat: Bool
        var termination: StreamTermination?
    }

    /// A gap between two instants, with the real-event indices around it when it is an event gap.
    struct Gap {
        var from: ContinuousClock.Instant
        var to: ContinuousClock.Instant
        /// Real-event index at `from`; nil for byte gaps.
        var fromEvent: Int?
        /// Real-event index at `to`; nil when the gap runs to the end of the stream.
        var toEvent: Int?
        var length: Duration { to - from }
    }

    let timeline: StreamTimeline
    let terminatorRule: TerminatorRule
    /// Every event, heartbeats included.
    let events: [Entry]
    /// The non-heartbeat events, in order; "real event #n" in messages indexes this.
    let real: [Entry]
    /// The index in `real` of the first terminator.
    let terminatorIndex: Int?
    /// The number of comment items that count as heartbeats.
    let heartbeatComments: Int
    /// Whether comment lines are heartbeats under the expectation.
    let commentsAreHeartbeats: Bool

    init(timeline: StreamTimeline, expectation: StreamExpectation, decode: StreamJSONDecoding) {
        self.timeline = timeline
        // Without a terminator rule, the known conventions still name the terminator in summaries.
        let rule = expectation.terminator ?? .anyKnown
        self.terminatorRule = rule
        var events: [Entry] = []
        var comments = 0
        for (index, item) in timeline.items.enumerated() {
            switch item {
            case .event(let event):
                let json = decode(event.data)
                let heartbeat = expectation.heartbeat.isHeartbeat(event, json: json)
                events.append(
                    Entry(
                        itemIndex: index, event: event, json: json, isHeartbeat: heartbeat,
                        termination: heartbeat ? nil : rule.classify(event)))
            case .comment:
                if expectation.heartbeat.comments { comments += 1 }
            case .discarded, .limitExceeded:
                break
            }
        }
        self.events = events
        self.real = events.filter { !$0.isHeartbeat }
        self.terminatorIndex = real.firstIndex { $0.termination != nil }
        self.heartbeatComments = comments
        self.commentsAreHeartbeats = expectation.heartbeat.comments
    }

    /// The real events up to and including the terminator: the answer proper.
    var answer: ArraySlice<Entry> { terminatorIndex.map { real[...$0] } ?? real[...] }

    /// Offset of an instant from the request start.
    func offset(_ instant: ContinuousClock.Instant) -> Duration { instant - timeline.start }

    /// Gaps between byte arrivals (starting at the head) while no real event had arrived yet;
    /// if none ever did, the silence up to the end counts too.
    var pendingGaps: [Gap] {
        var points: [ContinuousClock.Instant] = []
        if let head = timeline.headAt { points.append(head) }
        let firstReal = real.first?.event.at
        for chunk in timeline.chunks {
            if let firstReal, chunk.at > firstReal { break }
            points.append(chunk.at)
        }
        if firstReal == nil, let end = timeline.end { points.append(end.at) }
        return zip(points, points.dropFirst()).map { Gap(from: $0, to: $1) }
    }

    /// Gaps between consecutive real events up to the terminator; without a terminator, the
    /// silence from the last real event to the end counts too, since heartbeats do not reset it.
    var eventGaps: [Gap] {
        let answer = Array(answer)
        var gaps = zip(answer.indices, answer.indices.dropFirst()).map {
            Gap(from: answer[$0].event.at, to: answer[$1].event.at, fromEvent: $0, toEvent: $1)
        }
        if terminatorIndex == nil, let last = answer.indices.last, let end = timeline.end {
            gaps.append(Gap(from: answer[last].event.at, to: end.at, fromEvent: last, toEvent: nil))
        }
        return gaps
    }

    /// The delta text of the answer, per the first delta rule that applies to each event.
    func reassembledText(rules: [DeltaRule]) -> String {
        var text = ""
        for entry in answer {
            guard let json = entry.json else { continue }
            for rule in rules where rule.eventType == nil || rule.eventType == entry.event.type {
                if case .string(let piece) = rule.path.value(in: json) {
                    text += piece
                    break
                }
            }
        }
        return text
    }
}

extension TerminatorRule {
    /// Every known terminator: `[DONE]`, `response.completed`, and the Responses failure endings.
    static let anyKnown = TerminatorRule(
        doneData: "[DONE]", eventTypes: ["response.completed"],
        failureEventTypes: ["response.failed", "response.incomplete"], required: false, allowsEventsAfter: true)
}
