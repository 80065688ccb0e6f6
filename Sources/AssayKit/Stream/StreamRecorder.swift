/// The transport-side adapter: feeds each body chunk through an `SSEParser` and records bytes and
/// items on a `StreamTimeline`, so the transport's write callback is one call.
public struct StreamRecorder: Sendable {
    /// The parser, holding any partial line or event.
    public private(set) var parser: SSEParser
    /// Everything recorded so far.
    public private(set) var timeline: StreamTimeline

    /// Starts recording a request sent at `start`.
    public init(start: ContinuousClock.Instant, parser: SSEParser = SSEParser()) {
        self.parser = parser
        self.timeline = StreamTimeline(start: start)
    }

    /// Records the arrival of the response head.
    public mutating func headReceived(at instant: ContinuousClock.Instant) {
        timeline.headReceived(at: instant)
    }

    /// Records and parses one body chunk; returns the items it completed (for a `StreamWatch`).
    @discardableResult
    public mutating func received(_ bytes: some Collection<UInt8>, at instant: ContinuousClock.Instant) -> [SSEItem] {
        timeline.bytes(count: bytes.count, at: instant)
        let items = parser.feed(bytes, at: instant)
        timeline.items(items)
        return items
    }

    /// Records a stretch in which the runner itself did not run (see `StreamTimeline.runnerStalls`).
    public mutating func runnerStalled(from: ContinuousClock.Instant, to: ContinuousClock.Instant) {
        timeline.runnerStalled(from: from, to: to)
    }

    /// Ends the stream: flushes the parser (reporting a discarded final event) and records how it ended.
    @discardableResult
    public mutating func ended(at instant: ContinuousClock.Instant, reason: StreamEndReason) -> [SSEItem] {
        guard timeline.end == nil else { return [] }
        let items = parser.finish(at: instant)
        timeline.items(items)
        timeline.ended(at: instant, reason: reason)
        return items
    }
}
