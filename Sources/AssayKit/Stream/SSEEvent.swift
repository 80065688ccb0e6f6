/// One dispatched server-sent event, as the WHATWG event-stream rules define it.
public struct SSEEvent: Sendable, Equatable {
    /// The event type: the last `event:` field of the block, or `message` when none was given.
    public var type: String
    /// The `data:` lines of the block joined with LF (the final LF removed).
    public var data: String
    /// The last event id in effect at dispatch; it persists across events, as in a browser.
    public var id: String?
    /// The reconnection time (ms) in effect at dispatch, from the latest valid `retry:` field.
    public var retry: Int?
    /// When the blank line that dispatched the event arrived.
    public var at: ContinuousClock.Instant

    /// Creates an event; `type` defaults to `message` as in the spec.
    public init(
        type: String = "message", data: String, id: String? = nil, retry: Int? = nil,
        at: ContinuousClock.Instant
    ) {
        self.type = type
        self.data = data
        self.id = id
        self.retry = retry
        self.at = at
    }
}

/// Something the parser observed in the stream, in arrival order.
public enum SSEItem: Sendable, Equatable {
    /// A dispatched event.
    case event(SSEEvent)
    /// A comment line (`: ping`), with the leading colon and one following space removed.
    case comment(String, at: ContinuousClock.Instant)
    /// Pending input that the end of the stream discarded: an event or line that never got its
    /// terminating blank line. Truncation is a finding, so it is reported rather than dropped.
    case discarded(SSEDiscard)
    /// A line or event over the parser's size limit; the offending line or event was skipped.
    case limitExceeded(SSELimitError)

    /// When the item was observed.
    public var at: ContinuousClock.Instant {
        switch self {
        case .event(let event): event.at
        case .comment(_, let at): at
        case .discarded(let discard): discard.at
        case .limitExceeded(let error): error.at
        }
    }

    /// The event, when the item is one.
    public var event: SSEEvent? {
        if case .event(let event) = self { return event }
        return nil
    }
}

/// What the end of the stream threw away: the unterminated final event.
public struct SSEDiscard: Sendable, Equatable {
    /// The event type set so far in the unfinished block (`message` if none).
    public var type: String
    /// The data accumulated so far in the unfinished block (without the final LF).
    public var data: String
    /// Bytes of a last line that had no line ending at all.
    public var partialLineBytes: Int
    /// When the stream ended.
    public var at: ContinuousClock.Instant

    /// Creates a discard record.
    public init(type: String, data: String, partialLineBytes: Int, at: ContinuousClock.Instant) {
        self.type = type
        self.data = data
        self.partialLineBytes = partialLineBytes
        self.at = at
    }

    /// A one-line account, e.g. `unterminated final event discarded (type message, 17 data bytes, 5-byte partial line)`.
    public var summary: String {
        var parts = ["type \(type)", "\(data.utf8.count) data bytes"]
        if partialLineBytes > 0 { parts.append("\(partialLineBytes)-byte partial line") }
        return "unterminated final event discarded (\(parts.joined(separator: ", ")))"
    }
}

/// A size limit the parser enforced so a hostile or broken stream cannot exhaust memory.
public struct SSELimitError: Sendable, Equatable {
    /// Which limit was hit.
    public enum Kind: String, Sendable, Equatable {
        /// One line was longer than the line limit.
        case line
        /// One event's accumulated data was larger than the event limit.
        case event
    }

    /// Which limit was hit.
    public var kind: Kind
    /// The limit in bytes.
    public var limit: Int
    /// When the limit was crossed.
    public var at: ContinuousClock.Instant

    /// Creates a limit error.
    public init(kind: Kind, limit: Int, at: ContinuousClock.Instant) {
        self.kind = kind
        self.limit = limit
        self.at = at
    }

    /// A one-line account, e.g. `line longer than 1048576 bytes skipped`.
    public var summary: String {
        switch kind {
        case .line: "line longer than \(limit) bytes skipped"
        case .event: "event data larger than \(limit) bytes skipped"
        }
    }
}
