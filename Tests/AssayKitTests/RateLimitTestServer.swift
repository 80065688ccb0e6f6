import AssayTestSupport
import Foundation

/// How a stateful rate-limited loopback server behaves: it allows `limit` requests per window
/// (the window starts at its first request), then answers 429; each field can break one clause.
struct RateLimitBehaviour: Sendable {
    var limit = 3
    var windowMs = 500
    var neverLimit = false
    var retryAfter: String? = "1"
    var retryAfterMs: String? = "700"
    var openAIHeaders = true
    var ietfHeaders = false
    var constantRemaining = false
    /// The limit headers on the successes only, none on the 429 (as public captures of OpenAI's 429s show).
    var limitHeadersOn429 = true
    /// A server's own remaining-header name (one real server sends `x-ratelimit-api_key-remaining-requests`).
    var ownRemainingHeader: String?
    /// `openai`, `problem` or `bare` (`{"type":…,"message":…}` without the `error` wrapper).
    var envelope = "openai"
}

enum RateLimitTestServer {
    struct State: Sendable {
        var count = 0
        var windowStart: ContinuousClock.Instant?
    }

    static func start(_ behaviour: RateLimitBehaviour) throws -> LoopbackServer {
        let state = ServerState(State())
        return try ContractHarness.server { _ in
            let count: Int = state.with { s in
                if let start = s.windowStart, start.duration(to: .now) <= .milliseconds(behaviour.windowMs) {
                    s.count += 1
                } else {
                    s.windowStart = .now
                    s.count = 1
                }
                return s.count
            }
            let remaining = behaviour.constantRemaining ? behaviour.limit : max(0, behaviour.limit - count)
            var headers: [(String, String)] = []
            if behaviour.openAIHeaders {
                headers += [
                    ("x-ratelimit-limit-requests", String(behaviour.limit)),
                    ("x-ratelimit-remaining-requests", String(remaining)), ("x-ratelimit-reset-requests", "500ms"),
                ]
            }
            if let name = behaviour.ownRemainingHeader { headers.append((name, String(remaining))) }
            if behaviour.ietfHeaders {
                headers += [
                    ("RateLimit-Policy", "\"default\";q=\(behaviour.limit);w=1"),
                    ("RateLimit", "\"default\";r=\(remaining);t=1"),
                ]
            }
            guard count > behaviour.limit, !behaviour.neverLimit else {
                return ContractHarness.reply(
                    headers: headers + [("Content-Type", "application/json")], body: #"{"ok":true}"#)
            }
            if !behaviour.limitHeadersOn429 { headers = [] }
            if let value = behaviour.retryAfter { headers.append(("Retry-After", value)) }
            if let value = behaviour.retryAfterMs { headers.append(("retry-after-ms", value)) }
            switch behaviour.envelope {
            case "problem":
                return ContractHarness.reply(
                    status: 429, headers: headers + [("Content-Type", "application/problem+json")],
                    body: #"{"type":"about:blank","title":"Too Many Requests","status":429}"#)
            case "bare":
                return ContractHarness.reply(
                    status: 429, headers: headers + [("Content-Type", "application/json")],
                    body: #"{"type":"rate_limit_exceeded","message":"slow down","retry_after":1}"#)
            default:
                return ContractHarness.reply(
                    status: 429, headers: headers + [("Content-Type", "application/json")],
                    body:
                        #"{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#
                )
            }
        }
    }
}
