import Foundation

/// One request and what came back: the response if a final head arrived, timings, and the
/// failure if the transfer did not complete. A failure may come with a partial response.
public struct Exchange: Sendable {
    /// The request as sent.
    public var request: HTTPRequest
    /// The final response, present once its head arrived, even if the body was then cut.
    public var response: HTTPResponse?
    /// libcurl's phase timings.
    public var timings: TransferTimings
    /// Whether an existing connection carried this request (libcurl made no new connection).
    public var connectionReused: Bool
    /// Why the transfer did not complete, or nil when it did (or an observer stopped it).
    public var failure: TransportFailure?
    /// Whether an observer ended the transfer with `.stop`; not a failure.
    public var stoppedByObserver: Bool
    /// Wall-clock start, for reports.
    public var startedAt: Date
    /// Monotonic start, comparable with the instants observers receive.
    public var startInstant: ContinuousClock.Instant
    /// When the final head was complete.
    public var headReceivedAt: ContinuousClock.Instant?
    /// When the first body byte arrived.
    public var firstBodyByteAt: ContinuousClock.Instant?
    /// When the last body byte arrived.
    public var lastBodyByteAt: ContinuousClock.Instant?
    /// When the transfer ended.
    public var finishedAt: ContinuousClock.Instant
    /// How many redirects were followed.
    public var redirectCount: Int
    /// The URL of the last request made (differs from `request.url` after redirects).
    public var effectiveURL: String
    /// Where a 3xx response points (libcurl's `CURLINFO_REDIRECT_URL`, resolved against the request).
    public var redirectURL: String? = nil
    /// The redirects before the final response, followed or not (`RedirectFollower`).
    public var redirects: [RedirectHop] = []

    /// Creates an exchange record.
    public init(
        request: HTTPRequest, response: HTTPResponse?, timings: TransferTimings = TransferTimings(),
        connectionReused: Bool = false, failure: TransportFailure? = nil, stoppedByObserver: Bool = false,
        startedAt: Date, startInstant: ContinuousClock.Instant, headReceivedAt: ContinuousClock.Instant? = nil,
        firstBodyByteAt: ContinuousClock.Instant? = nil, lastBodyByteAt: ContinuousClock.Instant? = nil,
        finishedAt: ContinuousClock.Instant, redirectCount: Int = 0, effectiveURL: String? = nil
    ) {
        self.request = request
        self.response = response
        self.timings = timings
        self.connectionReused = connectionReused
        self.failure = failure
        self.stoppedByObserver = stoppedByObserver
        self.startedAt = startedAt
        self.startInstant = startInstant
        self.headReceivedAt = headReceivedAt
        self.firstBodyByteAt = firstBodyByteAt
        self.lastBodyByteAt = lastBodyByteAt
        self.finishedAt = finishedAt
        self.redirectCount = redirectCount
        self.effectiveURL = effectiveURL ?? request.url
    }

    /// Whether a final response arrived and nothing went wrong.
    public var completed: Bool { response != nil && failure == nil }
}
