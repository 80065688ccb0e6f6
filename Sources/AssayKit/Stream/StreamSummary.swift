/// The numbers a report shows for one stream, and the per-item timeline its HTML view draws.
public struct StreamSummary: Sendable, Equatable {
    /// One row of the per-item timeline.
    public struct Entry: Sendable, Equatable {
        /// What kind of item the row is.
        public enum Kind: String, Sendable, Equatable {
            case event, comment, discarded
            case sizeLimit = "size_limit"
        }

        /// Milliseconds from the request start.
        public var offsetMs: Double
        /// The event type; `comment`, `discarded` or `size_limit` for other items.
        public var type: String
        /// The kind of item.
        public var kind: Kind
        /// Whether the item counts as a heartbeat.
        public var isHeartbeat: Bool
    }

    /// Request sent → response head.
    public var timeToHead: Duration?
    /// Request sent → first body byte.
    public var timeToFirstByte: Duration?
    /// Request sent → first real event.
    public var timeToFirstEvent: Duration?
    /// The longest byte gap while the answer was pending.
    public var maxHeartbeatGap: Duration?
    /// The longest gap between real events (up to the terminator, or to the end without one).
    public var maxEventGap: Duration?
    /// Request sent → end (or last observation, if the stream is still open).
    public var total: Duration
    /// Body bytes received.
    public var byteCount: Int
    /// Events dispatched, heartbeats included.
    public var eventCount: Int
    /// Non-heartbeat events.
    public var realEventCount: Int
    /// Heartbeats: heartbeat events plus heartbeat comments.
    public var heartbeatCount: Int
    /// Comment lines, heartbeat or not.
    public var commentCount: Int
    /// The terminator seen, e.g. `[DONE]` or `response.completed`; nil when none.
    public var terminator: String?
    /// How the stream ended; nil while open.
    public var endReason: StreamEndReason?
    /// The reassembled delta text (secrets masked).
    public var reassembledText: String
    /// Every item in order, for the HTML timeline.
    public var entries: [Entry]

    init(observation: StreamObservation, deltas: [DeltaRule], redactor: Redactor) {
        let timeline = observation.timeline
        timeToHead = timeline.headAt.map(observation.offset)
        timeToFirstByte = timeline.chunks.first.map { observation.offset($0.at) }
        timeToFirstEvent = observation.real.first.map { observation.offset($0.event.at) }
        maxHeartbeatGap = observation.pendingGaps.map(\.length).max()
        maxEventGap = observation.eventGaps.map(\.length).max()
        total = observation.offset(timeline.lastInstant)
        byteCount = timeline.byteCount
        eventCount = observation.events.count
        realEventCount = observation.real.count
        heartbeatCount = observation.events.count - observation.real.count + observation.heartbeatComments
        commentCount = timeline.items.filter { if case .comment = $0 { true } else { false } }.count
        terminator = observation.terminatorIndex.map {
            let event = observation.real[$0].event
            return event.data == observation.terminatorRule.doneData ? event.data : event.type
        }
        endReason = timeline.end?.reason
        reassembledText = redactor.redact(observation.reassembledText(rules: deltas))
        var heartbeatItems = Set(observation.events.filter(\.isHeartbeat).map(\.itemIndex))
        var entries: [Entry] = []
        for (index, item) in timeline.items.enumerated() {
            let offsetMs = StreamTime.milliseconds(observation.offset(item.at))
            switch item {
            case .event(let event):
                let heartbeat = heartbeatItems.remove(index) != nil
                entries.append(Entry(offsetMs: offsetMs, type: event.type, kind: .event, isHeartbeat: heartbeat))
            case .comment:
                entries.append(
                    Entry(
                        offsetMs: offsetMs, type: "comment", kind: .comment,
                        isHeartbeat: observation.commentsAreHeartbeats))
            case .discarded:
                entries.append(Entry(offsetMs: offsetMs, type: "discarded", kind: .discarded, isHeartbeat: false))
            case .limitExceeded:
                entries.append(Entry(offsetMs: offsetMs, type: "size_limit", kind: .sizeLimit, isHeartbeat: false))
            }
        }
        self.entries = entries
    }
}
