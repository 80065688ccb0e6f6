/// One case of a suite: a request (or an ordered sequence of steps) and what must come back.
public struct TestCase: Sendable {
    public var name: String
    public var tags: [String]
    /// The steps in order; a case written with a single `request` has one step.
    public var steps: [Step]
    /// Whether the case must run with nothing else in flight (bursts, TTL waits).
    public var exclusive: Bool
    /// Why the case is skipped, if it is.
    public var skip: String?
    /// Idempotent-replay check: the case's request is sent several times with one key.
    public var replay: ReplaySpec? {
        get { replayStorage?.value }
        set { replayStorage = newValue.map(Indirect.init) }
    }
    /// Rate-limit check: a budgeted burst until the first 429, then a cool-down.
    public var rateLimit: RateLimitSpec? {
        get { rateLimitStorage?.value }
        set { rateLimitStorage = newValue.map(Indirect.init) }
    }
    /// `replay` and `rateLimit` blocks whose options use suite variables, decoded by the planner.
    public var deferredReplay: JSONNode? {
        get { deferredReplayStorage?.value }
        set { deferredReplayStorage = newValue.map(Indirect.init) }
    }
    public var deferredRateLimit: JSONNode? {
        get { deferredRateLimitStorage?.value }
        set { deferredRateLimitStorage = newValue.map(Indirect.init) }
    }
    /// `exclusive` as written; nil means "decided by the checks the case runs".
    public var exclusiveWritten: Bool?
    public var location: SourceLocation

    // Rare blocks behind a pointer each, so a case (copied as it is decoded, planned and run) stays small.
    private var replayStorage: Indirect<ReplaySpec>?
    private var rateLimitStorage: Indirect<RateLimitSpec>?
    private var deferredReplayStorage: Indirect<JSONNode>?
    private var deferredRateLimitStorage: Indirect<JSONNode>?

    init(
        name: String, tags: [String], steps: [Step], exclusive: Bool, skip: String?, replay: ReplaySpec?,
        rateLimit: RateLimitSpec?, deferredReplay: JSONNode?, deferredRateLimit: JSONNode?, exclusiveWritten: Bool?,
        location: SourceLocation
    ) {
        self.name = name
        self.tags = tags
        self.steps = steps
        self.exclusive = exclusive
        self.skip = skip
        self.exclusiveWritten = exclusiveWritten
        self.location = location
        self.replay = replay
        self.rateLimit = rateLimit
        self.deferredReplay = deferredReplay
        self.deferredRateLimit = deferredRateLimit
    }
}

/// One request with its expectations and captures.
public struct Step: Sendable {
    /// The step's name; cases with one step use the case name.
    public var name: String
    public var request: RequestTemplate
    public var expect: ResponseExpectation
    public var captures: [Capture]
    public var location: SourceLocation
}

/// Takes a value from a response into a variable that later steps use as `${name}`.
public struct Capture: Sendable {
    public enum Source: Sendable {
        /// A JSON pointer (RFC 6901) into the response body.
        case bodyPointer(String)
        /// The first value of a response header.
        case header(String)
    }

    public var name: String
    public var source: Source
    /// Whether the captured value is secret (redacted from every output).
    public var secret: Bool
    public var location: SourceLocation
}
