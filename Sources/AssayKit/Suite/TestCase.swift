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
    // The rare blocks are `@Boxed` (behind a pointer each), so a case, copied as it is decoded,
    // planned and run, stays small.
    /// Idempotent-replay check: the case's request is sent several times with one key.
    @Boxed public var replay: ReplaySpec?
    /// Rate-limit check: a budgeted burst until the first 429, then a cool-down.
    @Boxed public var rateLimit: RateLimitSpec?
    /// `retry` on the case: how each of its steps that has no `retry` of its own is sent again.
    @Boxed public var retry: RetrySpec? = nil
    /// `exclusive` as written; nil means "decided by the checks the case runs".
    public var exclusiveWritten: Bool?
    public var location: SourceLocation

    init(
        name: String, tags: [String], steps: [Step], exclusive: Bool, skip: String?, replay: ReplaySpec?,
        rateLimit: RateLimitSpec?, retry: RetrySpec? = nil, exclusiveWritten: Bool?, location: SourceLocation
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
        self.retry = retry
    }
}

/// One request with its expectations and captures.
///
/// Its parts live in one immutable box: a step is handed from the plan to the request it builds,
/// to the sent step and to the judge, and each hand-over then copies one reference instead of
/// retaining every string and list inside the step.
public struct Step: Sendable {
    private final class Parts: Sendable {
        let name: String
        let request: RequestTemplate
        let expect: ResponseExpectation
        let captures: [Capture]
        let location: SourceLocation

        init(
            name: String, request: RequestTemplate, expect: ResponseExpectation, captures: [Capture],
            location: SourceLocation
        ) {
            self.name = name
            self.request = request
            self.expect = expect
            self.captures = captures
            self.location = location
        }
    }

    private var parts: Parts
    /// A step that only establishes what the case is about (the route exists, the 500 can be
    /// provoked): when it fails, the case is not exercised rather than failed.
    public var precondition = false
    /// `retry` on the step: how it is sent again while it does not pass (beats the case's).
    @Boxed public var retry: RetrySpec? = nil
    /// False when the case opted out of the run's OpenAPI validation (`"openapi": false`).
    public var validatesOpenAPI = true

    public init(
        name: String, request: RequestTemplate, expect: ResponseExpectation, captures: [Capture],
        location: SourceLocation
    ) {
        parts = Parts(name: name, request: request, expect: expect, captures: captures, location: location)
    }

    /// The step's name; cases with one step use the case name.
    public var name: String { parts.name }
    public var request: RequestTemplate { parts.request }
    /// Set only by the plan, which decodes a `stream` block's pending options once the variables are known.
    public var expect: ResponseExpectation {
        get { parts.expect }
        set {
            parts = Parts(name: name, request: request, expect: newValue, captures: captures, location: location)
        }
    }
    public var captures: [Capture] { parts.captures }
    public var location: SourceLocation { parts.location }
}

/// Takes a value from a response into a variable that later steps use as `${name}`.
public struct Capture: Sendable {
    public enum Source: Sendable {
        /// A JSON pointer (RFC 6901) into the response body.
        case bodyPointer(String)
        /// The first value of a response header, or one `name=value` parameter of it (`charset`).
        case header(String, parameter: String? = nil)
        /// RFC 9535 JSONPath into the body: the node it selects, or the JSON array of several.
        case jsonPath(JSONPathQuery)
        /// The first group of the pattern's first match in the body (the whole match without a group).
        case regex(CompiledRegex)
        /// A cookie's value from the response's `Set-Cookie` fields.
        case cookie(String)
    }

    public var name: String
    public var source: Source
    /// Whether the captured value is secret (redacted from every output).
    public var secret: Bool
    public var location: SourceLocation
}
