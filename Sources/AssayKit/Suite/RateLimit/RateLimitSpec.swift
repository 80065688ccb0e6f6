/// A case's `rateLimit` block: send the case's request at most `budget` times until the first
/// 429, then check that 429 (envelope, Retry-After, limit headers), that `remaining` fell
/// strictly before it, and that one request after the advertised wait succeeds.
public struct RateLimitSpec: Sendable {
    /// Which retry hint the 429 must carry.
    public enum RetryRule: String, Sendable, CaseIterable {
        /// `Retry-After` or `retry-after-ms` (the default).
        case either
        /// RFC 9110 `Retry-After`: delta-seconds or an HTTP-date.
        case retryAfter = "retry-after"
        /// `retry-after-ms`: milliseconds.
        case retryAfterMs = "retry-after-ms"
        /// Both headers.
        case both
        /// No requirement (present headers must still be valid).
        case none
    }

    /// Which family of limit headers every response must carry.
    public enum LimitStyle: String, Sendable, CaseIterable {
        /// `x-ratelimit-limit-requests`, `x-ratelimit-remaining-requests`, `x-ratelimit-reset-requests`.
        case openai
        /// IETF draft: `RateLimit` (`r=` is the remaining quota) and `RateLimit-Policy`.
        case ietf
        /// No limit headers required.
        case none
    }

    /// The most requests the burst may send (a hard cap); the cool-down adds exactly one more.
    public var budget = 20
    /// The body the 429 must carry.
    public var envelope = ErrorEnvelope.openai
    public var retryAfter = RetryRule.either
    public var limitHeaders = LimitStyle.openai
    /// Whether `remaining` must fall across the successful responses before the 429 (never constant).
    public var decreasing = true
    /// The longest the cool-down waits, whatever the target advertises.
    public var maxWaitMs = 5000
    /// Whether one request after the advertised wait must succeed.
    public var coolDown = true
    /// Where the block was written.
    public var location: SourceLocation?
    /// Options written with suite variables, decoded by the plan.
    var pending: PendingOptions?

    /// Bursts always run alone, so they never pollute other cases (or get polluted by them).
    public var runsExclusively: Bool { true }

    /// The default block (`"rateLimit": true`).
    public init(location: SourceLocation? = nil) { self.location = location }
}
