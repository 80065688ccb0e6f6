import Foundation

/// A rate-limit decision plus what the `x-ratelimit-*` headers report.
public struct RateDecision: Sendable, Equatable {
    /// Whether the request may proceed.
    public var allowed: Bool
    /// The bucket size.
    public var limit: Int
    /// Whole tokens left after this request.
    public var remaining: Int
    /// Seconds until the bucket is full again.
    public var resetSeconds: Double
    /// Seconds until one token is available (for Retry-After).
    public var retryAfterSeconds: Double
}

/// Token buckets keyed by route and principal, with an injected clock.
public final class RateLimiter: @unchecked Sendable {
    // @unchecked: `buckets` is guarded by `lock`.
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let rate: Double
    private let burst: Int
    private let refills: Bool
    private let clock: @Sendable () -> Double
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]

    /// Creates a limiter refilling `rate` tokens per second up to `burst`; `clock` returns seconds.
    ///
    /// `refills: false` (the `rate-limit-no-recovery` fault) stops refilling while the headers
    /// still announce the configured rate.
    public init(
        rate: Double, burst: Int, refills: Bool = true,
        clock: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds
    ) {
        self.rate = rate
        self.burst = max(1, burst)
        self.refills = refills
        self.clock = clock
    }

    /// Takes one token from the bucket for `key`.
    public func take(_ key: String) -> RateDecision {
        let now = clock()
        return lock.withLock {
            var bucket = buckets[key] ?? Bucket(tokens: Double(burst), updated: now)
            bucket.tokens = min(Double(burst), bucket.tokens + (refills ? max(0, now - bucket.updated) * rate : 0))
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[key] = bucket
            let missing = Double(burst) - bucket.tokens
            return RateDecision(
                allowed: allowed, limit: burst, remaining: Int(bucket.tokens.rounded(.down)),
                resetSeconds: rate > 0 ? missing / rate : .infinity,
                retryAfterSeconds: rate > 0 ? max(0, 1 - bucket.tokens) / rate : .infinity)
        }
    }

    /// Seconds from a monotonic clock.
    public static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Formats a reset duration the OpenAI way: `12ms`, `1s`, `6m0s`.
    public static func durationText(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "24h0m0s" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded(.up)))ms" }
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        return "\(whole / 60)m\(whole % 60)s"
    }
}
