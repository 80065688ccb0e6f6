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
    public enum LimitStyle: Sendable, Equatable {
        /// IETF draft: `RateLimit` (`r=` is the remaining quota) and `RateLimit-Policy`.
        case ietf
        /// No limit headers required.
        case none
        /// Headers with these names, the remaining quota an integer (OpenAI's, or a server's own).
        case named(LimitHeaderNames)

        /// `x-ratelimit-limit-requests`, `x-ratelimit-remaining-requests`, `x-ratelimit-reset-requests`.
        public static let openai = LimitStyle.named(.openai)

        /// The names a suite may write as a string.
        static let names = ["openai", "ietf", "none"]

        init?(name: String) {
            switch name {
            case "openai": self = .openai
            case "ietf": self = .ietf
            case "none": self = .none
            default: return nil
            }
        }
    }

    /// A server's own limit header names (one server sends `x-ratelimit-api_key-remaining-requests`).
    public struct LimitHeaderNames: Sendable, Equatable {
        public var limit: String?
        public var remaining: String
        public var reset: String?

        public init(limit: String?, remaining: String, reset: String?) {
            self.limit = limit
            self.remaining = remaining
            self.reset = reset
        }

        public static let openai = LimitHeaderNames(
            limit: "x-ratelimit-limit-requests", remaining: "x-ratelimit-remaining-requests",
            reset: "x-ratelimit-reset-requests")

        /// Every name given, in the order limit, remaining, reset.
        var all: [String] { [limit, remaining, reset].compactMap { $0 } }
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
    /// How long the target's limit window is, when it says so nowhere else: a 429 without a retry
    /// hint is waited out for this long (else `maxWaitMs`).
    public var windowMs: Int?
    /// Whether one request after the advertised wait must succeed.
    public var coolDown = true
    /// Where the block was written.
    public var location: SourceLocation?

    /// Bursts always run alone, so they never pollute other cases (or get polluted by them).
    public var runsExclusively: Bool { true }

    /// The default block (`"rateLimit": true`).
    public init(location: SourceLocation? = nil) { self.location = location }
}
