import Foundation

/// One request and its response as reports show them: redacted at construction, so
/// nothing downstream can leak a secret, and bodies kept only up to a limit.
public struct ExchangeRecord: Sendable, Codable {
    public struct Request: Sendable, Codable {
        public var method: String
        public var url: String
        /// Nil when the record keeps only the exchange's summary (a passing step, by default).
        public var headers: [HTTPHeader]?
        public var body: String?
    }

    public struct Response: Sendable, Codable {
        public var status: Int
        public var reason: String
        public var httpVersion: String
        /// Nil when the record keeps only the exchange's summary (a passing step, by default).
        public var headers: [HTTPHeader]?
        /// The body as text (redacted, cut at the record's limit); nil when not kept.
        public var body: String?
        public var bodyBytes: Int
        public var bodyTruncated: Bool
    }

    public var request: Request
    public var response: Response?
    public var timings: TransferTimings
    public var connectionReused: Bool
    public var failure: TransportFailure?
    public var startedAt: Date
    /// The redirects before the final response (URLs redacted); nil when there were none.
    public var redirects: [RedirectHop]? = nil
    /// What the stream check observed, for stream cases. Boxed: a stream record is larger than the
    /// rest of the record, and most exchanges have none.
    @Boxed public var stream: StreamRecord? = nil

    /// How many body bytes a record keeps: enough to read a failure, bounded for 10k-case runs.
    public static let bodyLimit = 16 * 1024

    /// How much of an exchange a record keeps. A run holds a record for every exchange until
    /// the reports are written, so passing steps keep only their summary: memory stays flat
    /// as suites grow, and no time goes into redacting headers nobody will read.
    public enum Detail: Sendable {
        /// Request line, status line, body size, timings and connection reuse.
        case summary
        /// The summary plus every header (redacted).
        case headers
        /// The headers plus the bodies (redacted, capped at `bodyLimit`).
        case full

        var keepsHeaders: Bool { self != .summary }
        var keepsBodies: Bool { self == .full }
    }

    /// Records `exchange` through `redactor`, keeping as much as `detail` says. The exchange is only
    /// read (`borrowing`): an initializer otherwise takes its argument whole, so the caller copied it.
    public init(_ exchange: borrowing Exchange, redactor: Redactor, detail: Detail) {
        let keepBodies = detail.keepsBodies
        func headers(_ fields: HTTPHeaders) -> [HTTPHeader]? {
            guard detail.keepsHeaders else { return nil }
            return fields.map {
                HTTPHeader(name: $0.name, value: redactor.redactHeader(name: $0.name, value: $0.value))
            }
        }
        func text(_ data: Data) -> (String, Bool) {
            // Masked before it is cut, so a secret across the cut loses its start too; the window
            // holds any encoded secret that begins before the cut.
            let window = data.prefix(Self.bodyLimit + redactor.longestEncodedSecret)
            // A body may itself be cut (the size cap, a reset, a stream's kept prefix): its end counts as a cut.
            let masked = redactor.redact(String(decoding: window, as: UTF8.self), endIsCut: true)
            let cut = data.count > window.count || masked.utf8.count > Self.bodyLimit
            return (cut ? Self.prefix(masked, bytes: Self.bodyLimit) : masked, cut)
        }
        request = Request(
            method: exchange.request.method, url: redactor.redact(exchange.request.url),
            headers: headers(exchange.request.headers),
            body: keepBodies ? exchange.request.body.map { text($0).0 } : nil)
        response = exchange.response.map { response in
            let (body, cut) = keepBodies ? text(response.body) : ("", false)
            return Response(
                status: response.status, reason: response.reason, httpVersion: response.httpVersion,
                headers: headers(response.headers), body: keepBodies ? body : nil, bodyBytes: response.body.count,
                bodyTruncated: cut)
        }
        timings = exchange.timings
        connectionReused = exchange.connectionReused
        failure = exchange.failure.map {
            TransportFailure(kind: $0.kind, curlCode: $0.curlCode, message: redactor.redact($0.message))
        }
        startedAt = exchange.startedAt
        if !exchange.redirects.isEmpty {
            redirects = exchange.redirects.map { hop in
                var hop = hop
                hop.from = redactor.redact(hop.from)
                hop.to = redactor.redact(hop.to)
                hop.note = hop.note.map { redactor.redact($0) }
                return hop
            }
        }
    }

    /// The first `bytes` UTF-8 bytes of `text`, ending on a character boundary.
    static func prefix(_ text: String, bytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: limit)
        while end > text.startIndex, !end.isOnCharacterBoundary(in: text) { end = text.utf8.index(before: end) }
        return String(text[..<end])
    }
}

extension String.Index {
    fileprivate func isOnCharacterBoundary(in text: String) -> Bool {
        samePosition(in: text.unicodeScalars) != nil
    }
}

/// Stream observations kept in reports: the event timeline and the clocks' extremes.
public struct StreamRecord: Sendable, Codable {
    public struct Event: Sendable, Codable {
        /// Milliseconds since the request started.
        public var offsetMs: Double
        public var type: String
        public var heartbeat: Bool
        /// `event`, `comment`, `discarded` (an unterminated final event) or `size_limit`.
        public var kind: String? = nil
    }

    /// The timeline's items: all of them, or the first and last `StreamRecord.keptEvents` of a long
    /// stream, with `eventsOmitted` counting the rest, so a report stays small whatever the stream sent.
    public var events: [Event]
    /// Items of the timeline left out of `events` (nil when none were).
    public var eventsOmitted: Int? = nil
    public var timeToFirstEventMs: Double?
    public var maxHeartbeatGapMs: Double?
    public var maxEventGapMs: Double?
    public var terminatorSeen: Bool
    /// The suite's ceilings on those gaps (`maxEventGap`, `maxHeartbeatGap`), when it set them.
    public var maxEventGapCeilingMs: Double? = nil
    public var maxHeartbeatGapCeilingMs: Double? = nil
    /// Request start → response head, and → first body byte.
    public var timeToHeadMs: Double? = nil
    public var timeToFirstByteMs: Double? = nil
    /// Request start → end of the stream.
    public var totalMs: Double? = nil
    /// Body bytes received (reports keep only a prefix of them).
    public var byteCount: Int? = nil
    /// Events (heartbeats included), real events, and heartbeats (events and comments).
    public var eventCount: Int? = nil
    public var realEventCount: Int? = nil
    public var heartbeatCount: Int? = nil
    /// The terminator seen, e.g. `[DONE]` or `response.completed`.
    public var terminator: String? = nil
    /// How the stream ended, e.g. `clean EOF`, `connection cut (curl 18: …)`, `stopped by the runner (…)`.
    public var endReason: String? = nil
    /// The reassembled delta text (redacted, cut at `ExchangeRecord.bodyLimit` characters).
    public var reassembledText: String? = nil

    public init(
        events: [Event], timeToFirstEventMs: Double?, maxHeartbeatGapMs: Double?, maxEventGapMs: Double?,
        terminatorSeen: Bool
    ) {
        self.events = events
        self.timeToFirstEventMs = timeToFirstEventMs
        self.maxHeartbeatGapMs = maxHeartbeatGapMs
        self.maxEventGapMs = maxEventGapMs
        self.terminatorSeen = terminatorSeen
    }
}
