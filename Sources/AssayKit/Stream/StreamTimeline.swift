/// How a stream ended, as the transport saw it; findings quote it so truncation is explained.
public enum StreamEndReason: Sendable, Equatable, CustomStringConvertible {
    /// The server closed the body normally.
    case cleanEOF
    /// The transfer failed mid-stream, e.g. curl error 18; `detail` says how.
    case cut(detail: String)
    /// A transport-level timeout ended the transfer: the request's total timeout (`--timeout`), which
    /// a stream `deadline` raises above itself, so the watch stops a stream at its deadline first.
    case deadline
    /// The transport stopped the transfer because a `StreamWatch` said so.
    case stopped(StreamStopReason)

    /// A phrase for messages, e.g. `connection cut (curl 18: transfer closed)`.
    public var description: String {
        switch self {
        case .cleanEOF: "clean EOF"
        case .cut(let detail): detail.isEmpty ? "connection cut" : "connection cut (\(detail))"
        case .deadline: "request timeout"
        case .stopped(let reason): "stopped by the runner (\(reason.description))"
        }
    }
}

/// Everything observed on one streamed response, with arrival instants: the record every stream
/// check and report is computed from, so evaluation is a pure function of it.
public struct StreamTimeline: Sendable {
    /// One body chunk as delivered by the transport.
    public struct Chunk: Sendable, Equatable {
        /// The number of body bytes in the chunk.
        public var count: Int
        /// When the chunk arrived.
        public var at: ContinuousClock.Instant
    }

    /// How and when the stream ended.
    public struct End: Sendable, Equatable {
        /// When the stream ended.
        public var at: ContinuousClock.Instant
        /// How it ended.
        public var reason: StreamEndReason
    }

    /// When the request was sent; every offset is measured from here.
    public let start: ContinuousClock.Instant
    /// When the response head (status and headers) arrived.
    public private(set) var headAt: ContinuousClock.Instant?
    /// Every body chunk, in arrival order.
    public private(set) var chunks: [Chunk] = []
    /// Every parsed item, in arrival order.
    public private(set) var items: [SSEItem] = []
    /// The end of the stream, once it ended.
    public private(set) var end: End?
    /// Stretches in which Assay itself did not run (its thread was not scheduled, or was busy): the
    /// target's bytes may have waited in the socket then, so a gap across one says nothing of the target.
    public private(set) var runnerStalls: [Range<ContinuousClock.Instant>] = []

    /// Starts an empty timeline for a request sent at `start`.
    public init(start: ContinuousClock.Instant) { self.start = start }

    /// Records the arrival of the response head (the first call wins).
    public mutating func headReceived(at instant: ContinuousClock.Instant) {
        if headAt == nil { headAt = instant }
    }

    /// Records a body chunk of `count` bytes.
    public mutating func bytes(count: Int, at instant: ContinuousClock.Instant) {
        chunks.append(Chunk(count: count, at: instant))
    }

    /// Records parsed items.
    public mutating func items(_ newItems: [SSEItem]) {
        items += newItems
    }

    /// Records that the runner did not run from `from` to `to`.
    public mutating func runnerStalled(from: ContinuousClock.Instant, to: ContinuousClock.Instant) {
        if from < to { runnerStalls.append(from..<to) }
    }

    /// How much of `from..<to` the runner spent stalled.
    public func runnerStalled(within from: ContinuousClock.Instant, _ to: ContinuousClock.Instant) -> Duration {
        runnerStalls.reduce(Duration.zero) { total, stall in
            let start = max(stall.lowerBound, from)
            let end = min(stall.upperBound, to)
            return start < end ? total + (end - start) : total
        }
    }

    /// Records the end of the stream (the first call wins).
    public mutating func ended(at instant: ContinuousClock.Instant, reason: StreamEndReason) {
        if end == nil { end = End(at: instant, reason: reason) }
    }

    /// The total number of body bytes.
    public var byteCount: Int { chunks.reduce(0) { $0 + $1.count } }

    /// The latest instant observed: the end, else the last item, chunk or head.
    public var lastInstant: ContinuousClock.Instant {
        if let end { return end.at }
        return [headAt, chunks.last?.at, items.last?.at].compactMap { $0 }.max() ?? start
    }
}
