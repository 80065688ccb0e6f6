import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// The rate-limit check run by the real runner against rate-limited servers that keep and break each clause.
@Suite struct RateLimitCheckTests {
    static func suite(_ block: String) -> String {
        """
        { "name": "limits",
          "cases": [{ "name": "burst", "request": { "path": "/v1/models" }, "expect": { "status": 200 },
                      "rateLimit": \(block) }] }
        """
    }

    static func run(_ behaviour: RateLimitBehaviour, block: String = "true") throws -> (RunResult, LoopbackServer) {
        let server = try RateLimitTestServer.start(behaviour)
        return (try ContractHarness.run(suite(block), target: server.baseURL), server)
    }

    /// A server that limits after 3 requests with a valid 429 passes every clause, including the cool-down.
    @Test func correctServerPasses() throws {
        let (result, server) = try Self.run(RateLimitBehaviour())
        #expect(ContractHarness.failures(result).isEmpty)
        #expect(server.requests.count == 5)
        let messages = result.cases.first?.steps.first?.checks.filter { $0.kind == "rateLimit" }.map(\.message) ?? []
        #expect(messages.contains("rateLimit: request 4 got the first 429 after 3 success(es)"))
        #expect(messages.contains("rateLimit: x-ratelimit-remaining-requests fell from 2 to 0"))
        #expect(messages.contains("rateLimit: after waiting 700 ms a request succeeded (200)"))
        #expect(result.cases.first?.steps.first?.exchanges.count == 5)
    }

    /// No 429 within the budget is a finding, and the budget is a hard cap on what the server receives.
    @Test func noLimitWithinBudget() throws {
        let (result, server) = try Self.run(RateLimitBehaviour(limit: 100), block: #"{ "budget": 6 }"#)
        #expect(
            ContractHarness.failures(result) == ["rateLimit: sent 6 requests, no 429; is the limit above the budget?"])
        #expect(server.requests.count == 6)
    }

    /// A 429 without any retry hint fails; requiring Retry-After specifically names it.
    @Test func missingRetryAfter() throws {
        let (either, _) = try Self.run(
            RateLimitBehaviour(retryAfter: nil, retryAfterMs: nil), block: #"{ "maxWait": "600ms" }"#)
        #expect(
            ContractHarness.failures(either) == [
                "rateLimit: the 429 (request 4) has no Retry-After or retry-after-ms header"
            ])
        let (specific, _) = try Self.run(
            RateLimitBehaviour(retryAfter: nil), block: #"{ "retryAfter": "retry-after" }"#)
        #expect(ContractHarness.failures(specific) == ["rateLimit: the 429 (request 4) has no Retry-After header"])
    }

    /// A Retry-After that is neither delta-seconds nor an HTTP-date fails; an HTTP-date passes.
    @Test func retryAfterSyntax() throws {
        let (bad, _) = try Self.run(RateLimitBehaviour(retryAfter: "1.5"))
        #expect(
            ContractHarness.failures(bad)
                == [#"rateLimit: the 429 (request 4): Retry-After "1.5" is neither delta-seconds nor an HTTP-date"#])
        let (good, _) = try Self.run(RateLimitBehaviour(retryAfter: "Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(ContractHarness.failures(good).isEmpty)
        #expect(RetryAfter.httpDate("Sunday, 06-Nov-94 08:49:37 GMT") != nil)
        #expect(RetryAfter.httpDate("Sun Nov  6 08:49:37 1994") != nil)
    }

    /// A constant `remaining` is a finding; so are missing limit headers.
    @Test func limitHeaders() throws {
        let (constant, _) = try Self.run(RateLimitBehaviour(constantRemaining: true))
        #expect(
            ContractHarness.failures(constant)
                == [
                    "rateLimit: x-ratelimit-remaining-requests stayed at 3 across requests 1–3; a constant remaining looks hard-coded"
                ])
        let (absent, _) = try Self.run(RateLimitBehaviour(openAIHeaders: false))
        #expect(
            ContractHarness.failures(absent).first
                == "rateLimit: 3 response(s) lack x-ratelimit-limit-requests: request 1 (200), 2 (200), 3 (200)"
        )
        let (ietf, _) = try Self.run(
            RateLimitBehaviour(openAIHeaders: false, ietfHeaders: true), block: #"{ "limitHeaders": "ietf" }"#)
        #expect(ContractHarness.failures(ietf).isEmpty)
        // The 429 itself need not carry them: OpenAI's own 429s are not known to.
        let (bareLimit, _) = try Self.run(RateLimitBehaviour(limitHeadersOn429: false))
        #expect(ContractHarness.failures(bareLimit).isEmpty)
    }

    /// The 429 body must carry the declared envelope: an unwrapped body fails the OpenAI envelope, and
    /// problem details pass only when the suite declares them.
    @Test func envelopes() throws {
        let (bare, _) = try Self.run(RateLimitBehaviour(envelope: "bare"))
        #expect(
            ContractHarness.failures(bare).first?.hasPrefix(
                "rateLimit: the 429 (request 4): expected the OpenAI error envelope, but the body has no `error` member"
            ) == true)
        let (problem, _) = try Self.run(RateLimitBehaviour(envelope: "problem"), block: #"{ "envelope": "problem" }"#)
        #expect(ContractHarness.failures(problem).isEmpty)
        let (mismatched, _) = try Self.run(RateLimitBehaviour(envelope: "problem"))
        #expect(ContractHarness.failures(mismatched).count == 1)
    }

    /// A server whose limit outlasts its advertised wait fails the cool-down.
    @Test func coolDownFails() throws {
        let (result, server) = try Self.run(
            RateLimitBehaviour(windowMs: 5000, retryAfter: nil, retryAfterMs: "200"), block: #"{ "maxWait": "300ms" }"#)
        #expect(
            ContractHarness.failures(result) == [
                "rateLimit: after waiting 200 ms the next request answered 429; expected 2xx"
            ])
        #expect(server.requests.count == 5)
    }

    /// A server asking for longer than the user's `maxWait`: the cool-down is not exercised, not
    /// failed, and no request is sent for it; the case's verdict says so and exits 0.
    @Test func waitPastMaxWaitIsNotExercised() throws {
        let (result, server) = try Self.run(
            RateLimitBehaviour(windowMs: 5000, retryAfter: "30", retryAfterMs: nil), block: #"{ "maxWait": "300ms" }"#)
        #expect(ContractHarness.failures(result).isEmpty)
        #expect(result.cases.first?.verdict == .notExercised)
        #expect(
            result.cases.first?.notExercisedReason
                == "rateLimit: not exercised: the cool-down: the target asked to wait 30000 ms, longer than maxWait "
                + "300 ms; raise maxWait to observe it")
        #expect(result.summary.exitCode == ExitCode.success)
        #expect(server.requests.count == 4)
    }

    /// A server's own header names: only the names given are required, `remaining` must fall; a
    /// family without `reset` (left out, or null) is fine when the server sends none.
    @Test func ownLimitHeaderNames() throws {
        let names = #"{ "limitHeaders": { "remaining": "x-ratelimit-api_key-remaining-requests", "reset": null } }"#
        let (own, _) = try Self.run(
            RateLimitBehaviour(openAIHeaders: false, ownRemainingHeader: "x-ratelimit-api_key-remaining-requests"),
            block: names)
        #expect(ContractHarness.failures(own).isEmpty)
        let (absent, _) = try Self.run(RateLimitBehaviour(openAIHeaders: false), block: names)
        #expect(
            ContractHarness.failures(absent).first
                == "rateLimit: 3 response(s) lack x-ratelimit-api_key-remaining-requests: request 1 (200), 2 (200), 3 (200)"
        )
        let missing = try #require(ContractHarness.diagnostic(Self.suite(#"{ "limitHeaders": { "reset": "x" } }"#)))
        #expect(missing.message.contains("`remaining`"))
    }

    /// A 429 without a retry hint is waited out for the declared window; a window past `maxWait` leaves
    /// the cool-down not exercised with that reason (its missing hint still fails).
    @Test func declaredWindow() throws {
        let (short, _) = try Self.run(
            RateLimitBehaviour(windowMs: 200, retryAfter: nil, retryAfterMs: nil),
            block: #"{ "retryAfter": false, "window": "400ms", "maxWait": "1s" }"#)
        #expect(ContractHarness.failures(short).isEmpty)
        #expect(short.cases.first?.verdict == .passed)
        let (long, server) = try Self.run(
            RateLimitBehaviour(windowMs: 60_000, retryAfter: nil, retryAfterMs: nil),
            block: #"{ "retryAfter": false, "window": "60s", "maxWait": "300ms" }"#)
        #expect(long.cases.first?.verdict == .notExercised)
        #expect(
            long.cases.first?.notExercisedReason
                == "rateLimit: not exercised: the cool-down: the 429 gives no retry hint and the declared window is "
                + "60000 ms, longer than maxWait 300 ms; raise maxWait to observe it")
        #expect(server.requests.count == 4)
    }

    /// Rate-limit cases are exclusive; unknown keys get a located suggestion; the budget is bounded.
    @Test func decoding() throws {
        #expect(try ContractHarness.suite(Self.suite("true")).cases.first?.exclusive == true)
        let unknown = try #require(ContractHarness.diagnostic(Self.suite(#"{ "budgt": 5 }"#)))
        #expect(unknown.message.contains("unknown key `budgt` in `rateLimit` block"))
        #expect(unknown.hint == "did you mean `budget`?")
        #expect(unknown.location?.line == 3)
        let budget = try #require(ContractHarness.diagnostic(Self.suite(#"{ "budget": 0 }"#)))
        #expect(budget.message == "expected `budget` to be between 1 and 500, found 0")
        let style = try #require(ContractHarness.diagnostic(Self.suite(#"{ "limitHeaders": "ietff" }"#)))
        #expect(style.hint == "did you mean \"ietf\"?")
    }

    /// The request budget refuses once spent, whatever the caller does.
    @Test func budgetIsHardCap() {
        var budget = RequestBudget(limit: 2)
        let first = budget.take()
        let second = budget.take()
        let third = budget.take()
        #expect(first && second)
        #expect(!third)
        #expect(budget.spent == 2)
    }
}
