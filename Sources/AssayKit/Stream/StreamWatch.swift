/// Why a `StreamWatch` asked the transport to stop.
public enum StreamStopReason: String, Sendable, Equatable, CustomStringConvertible {
    /// The terminator arrived (and any grace period passed).
    case terminator
    /// The total deadline passed.
    case deadline
    /// No response head within its ceiling.
    case timeToHead = "time_to_head"
    /// No body byte within its ceiling.
    case timeToFirstByte = "time_to_first_byte"
    /// No real event within its ceiling.
    case timeToFirstEvent = "time_to_first_event"
    /// No byte for longer than the heartbeat-gap ceiling while the answer was pending.
    case heartbeatGap = "heartbeat_gap"
    /// No real event for longer than the event-gap ceiling.
    case eventGap = "event_gap"
    /// The stream sent more items (or item bytes) than one stream may keep (`StreamBudget`).
    case itemLimit = "item_limit"

    /// e.g. `terminator seen`, `deadline passed`.
    public var description: String {
        switch self {
        case .terminator: "terminator seen"
        case .deadline: "deadline passed"
        case .itemLimit: "item limit reached"
        default: "\(rawValue) ceiling passed"
        }
    }
}

/// The transport's answer: go on reading, or stop the transfer now.
public enum StreamWatchDecision: Sendable, Equatable {
    /// Keep reading.
    case proceed
    /// Stop the transfer; record `.stopped(reason)` as the end.
    case stop(StreamStopReason)
}

/// Decides, on every chunk and every periodic tick, whether waiting longer can change the verdict:
/// it stops at the terminator (after an optional grace period that lets "nothing after it" be
/// checked) or as soon as a ceiling is already exceeded, whichever comes first. Pure: instants are
/// supplied by the caller.
public struct StreamWatch: Sendable {
    /// The rules whose ceilings bound the wait.
    public let expectation: StreamExpectation
    /// When the request was sent.
    public let start: ContinuousClock.Instant
    /// How long to keep reading after the terminator; zero stops at once.
    public let terminatorGrace: Duration
    private let decode: StreamJSONDecoding
    private let terminatorRule: TerminatorRule
    private var headAt: ContinuousClock.Instant?
    private var lastByteAt: ContinuousClock.Instant?
    private var lastRealEventAt: ContinuousClock.Instant?
    /// How long the runner itself was not running since the last byte (or the head): the heartbeat
    /// ceiling bounds the target's silence, and what the target sent meanwhile could not be seen.
    private var stalledSinceLastByte = Duration.zero
    /// When the terminator arrived, once it did.
    public private(set) var terminatorAt: ContinuousClock.Instant?

    /// Creates a watch for a request sent at `start`.
    public init(
        expectation: StreamExpectation, start: ContinuousClock.Instant, terminatorGrace: Duration = .zero,
        decode: @escaping StreamJSONDecoding
    ) {
        self.expectation = expectation
        self.start = start
        self.terminatorGrace = terminatorGrace
        self.decode = decode
        self.terminatorRule = expectation.terminator ?? .anyKnown
    }

    /// Records the response head and decides.
    public mutating func headReceived(at instant: ContinuousClock.Instant) -> StreamWatchDecision {
        if headAt == nil {
            headAt = instant
            if lastByteAt == nil { stalledSinceLastByte = .zero }
        }
        return check(at: instant)
    }

    /// Records that the runner did not run from `from` to `to` (it was not scheduled, or busy). The
    /// heartbeat ceiling is then waited out for that much longer, so a stopped stream's gap is over
    /// the ceiling by the target's silence alone, as `StreamEvaluator` judges it.
    public mutating func runnerStalled(from: ContinuousClock.Instant, to: ContinuousClock.Instant) {
        guard let last = lastByteAt ?? headAt else { return }
        let from = max(from, last)
        if from < to { stalledSinceLastByte += from.duration(to: to) }
    }

    /// Records a chunk of `byteCount` bytes and the items it completed, then decides.
    public mutating func observe(items: [SSEItem], byteCount: Int, at instant: ContinuousClock.Instant)
        -> StreamWatchDecision
    {
        if byteCount > 0 {
            lastByteAt = instant
            stalledSinceLastByte = .zero
        }
        for item in items {
            guard case .event(let event) = item, terminatorAt == nil else { continue }
            // Decoded only when a heartbeat pattern may match: a flood would otherwise be decoded
            // here as it arrives, and again when it is judged.
            let json = expectation.heartbeat.dataMayMatch(event.data) ? decode(event.data) : nil
            guard !expectation.heartbeat.isHeartbeat(event, json: json) else { continue }
            lastRealEventAt = event.at
            if terminatorRule.classify(event) != nil { terminatorAt = event.at }
        }
        return check(at: instant)
    }

    /// Decides at `now` (call it on a periodic tick): stop once the terminator's grace is over, or
    /// once any ceiling is exceeded, so a silent or stalled stream never outlives its rules.
    public func check(at now: ContinuousClock.Instant) -> StreamWatchDecision {
        if let terminatorAt {
            // The grace is the runner's own wait: the deadline bounds it, but the answer ended at the
            // terminator, so the stop is the terminator's, not a passed deadline.
            if now >= terminatorAt + terminatorGrace { return .stop(.terminator) }
            if let deadline = expectation.deadline, now > start + deadline { return .stop(.terminator) }
            return .proceed
        }
        for (limit, reason) in limits() where now > limit { return .stop(reason) }
        return .proceed
    }

    /// The earliest instant at which `check(at:)` could next say stop, for scheduling ticks; a tick
    /// just after it is enough. Nil when no rule bounds the wait.
    public var nextCheck: ContinuousClock.Instant? {
        let terminatorLimit = terminatorAt.map { $0 + terminatorGrace }
        return (limits().map(\.limit) + [terminatorLimit].compactMap { $0 }).min()
    }

    /// Each ceiling that still applies, as the instant after which it is exceeded.
    private func limits() -> [(limit: ContinuousClock.Instant, reason: StreamStopReason)] {
        var limits: [(ContinuousClock.Instant, StreamStopReason)] = []
        if let deadline = expectation.deadline { limits.append((start + deadline, .deadline)) }
        // After the terminator only the deadline matters: the answer is complete.
        guard terminatorAt == nil else { return limits }
        if headAt == nil, let ceiling = expectation.maxTimeToHead { limits.append((start + ceiling, .timeToHead)) }
        if lastByteAt == nil, let ceiling = expectation.maxTimeToFirstByte {
            limits.append((start + ceiling, .timeToFirstByte))
        }
        if let lastRealEventAt {
            if let ceiling = expectation.maxEventGap { limits.append((lastRealEventAt + ceiling, .eventGap)) }
        } else {
            if let ceiling = expectation.maxTimeToFirstEvent { limits.append((start + ceiling, .timeToFirstEvent)) }
            if let ceiling = expectation.maxHeartbeatGap, let last = lastByteAt ?? headAt {
                limits.append((last + ceiling + stalledSinceLastByte, .heartbeatGap))
            }
        }
        return limits
    }
}
