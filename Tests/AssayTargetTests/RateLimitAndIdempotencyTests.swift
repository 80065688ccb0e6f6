import Foundation
import Testing

@Suite struct RateLimitAndIdempotencyTests {
    /// Proves the bucket drains (remaining decreases), then 429 with envelope, Retry-After and trace, then recovers.
    @Test func rateLimitDrainAndRecovery() throws {
        let target = try Fixtures.start(["--rate-limit", "5", "--burst", "3"])
        let client = try RawHTTPClient(port: target.port)
        var remaining: [String?] = []
        for _ in 0..<3 {
            let response = try client.request("GET", "/v1/models", token: Tokens.full)
            #expect(response.status == 200)
            #expect(response.header("x-ratelimit-limit-requests") == "3")
            remaining.append(response.header("x-ratelimit-remaining-requests"))
        }
        #expect(remaining == ["2", "1", "0"])
        let limited = try client.request("GET", "/v1/models", token: Tokens.full)
        #expect(limited.status == 429)
        #expect(Fixtures.hasEnvelope(limited, code: "rate_limit_exceeded"))
        #expect(Int(limited.header("Retry-After") ?? "") ?? 0 >= 1)
        #expect(Fixtures.isTraceID(limited.header("X-Trace-Id")))
        // Other principals and other routes have their own buckets; health is exempt.
        #expect(try client.request("GET", "/v1/models", token: Tokens.models).status == 200)
        #expect(try client.request("GET", "/v1/models/assay-small", token: Tokens.full).status == 200)
        for _ in 0..<10 { #expect(try client.request("GET", "/healthz").status == 200) }
        usleep(450_000)
        #expect(try client.request("GET", "/v1/models", token: Tokens.full).status == 200)
    }

    /// Proves the token bucket in isolation with an injected clock: drain, refuse, refill by elapsed time.
    @Test func bucketWithClock() {
        let clock = ManualClock()
        let limiter = RateLimiterProbe.make(rate: 2, burst: 2, clock: clock)
        #expect(limiter.take("k").allowed && limiter.take("k").allowed)
        let refused = limiter.take("k")
        #expect(!refused.allowed)
        #expect(refused.retryAfterSeconds > 0.4)
        clock.advance(0.5)
        #expect(limiter.take("k").allowed)
        #expect(!limiter.take("k").allowed)
    }

    /// Proves a replay returns the same status and body bytes with Idempotent-Replayed, and a new trace id.
    @Test func replay() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let headers = ["Idempotency-Key": "\"key-1\""]
        let first = try client.request(
            "POST", "/v1/responses", headers: headers, body: Bodies.responses(), token: Tokens.full)
        let second = try client.request(
            "POST", "/v1/responses", headers: headers, body: Bodies.responses(), token: Tokens.full)
        #expect(first.status == 200 && second.status == 200)
        #expect(first.body == second.body)
        #expect(first.header("Idempotent-Replayed") == nil)
        #expect(second.header("Idempotent-Replayed") == "true")
        #expect(first.header("X-Trace-Id") != second.header("X-Trace-Id"))
        let bare = try client.request(
            "POST", "/v1/responses", headers: ["Idempotency-Key": "key-1"], body: Bodies.responses(), token: Tokens.full
        )
        #expect(bare.body == first.body)
    }

    /// Proves a replayed stream returns the recorded event bytes.
    @Test func streamReplay() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let headers = ["Idempotency-Key": "stream-key"]
        let body = Bodies.chat(stream: true)
        let first = try client.request("POST", "/v1/chat/completions", headers: headers, body: body, token: Tokens.full)
        let second = try client.request(
            "POST", "/v1/chat/completions", headers: headers, body: body, token: Tokens.full)
        #expect(first.body == second.body)
        #expect(second.header("Idempotent-Replayed") == "true")
        #expect(second.header("Content-Type")?.hasPrefix("text/event-stream") == true)
    }

    /// Proves the same key with another body gets 422, and the same key while the first is in flight gets 409.
    @Test func mismatchAndInFlight() throws {
        // A stream's head is written only after its key is claimed, and the stream stays pending for
        // 3 s: the head is the readiness signal that the key is in flight, with no sleep.
        let target = try Fixtures.start(["--first-token-delay-ms", "3000", "--heartbeat-ms", "100"])
        let port = target.port
        let body = Bodies.chat(stream: true)
        let slow = try RawHTTPClient(port: port)
        slow.send(
            RawHTTPClient.encode(
                "POST", "/v1/chat/completions", headers: ["Idempotency-Key": "busy"], body: body, token: Tokens.full))
        try slow.waitForHead()
        let client = try RawHTTPClient(port: port)
        let conflict = try client.request(
            "POST", "/v1/chat/completions", headers: ["Idempotency-Key": "busy"], body: body, token: Tokens.full)
        #expect(conflict.status == 409)
        #expect(Fixtures.hasEnvelope(conflict, code: "idempotency_key_in_use"))
        #expect(try slow.readResponse(method: "POST").status == 200)
        let mismatch = try client.request(
            "POST", "/v1/chat/completions", headers: ["Idempotency-Key": "busy"], body: Bodies.chat(),
            token: Tokens.full)
        #expect(mismatch.status == 422)
        #expect(Fixtures.hasEnvelope(mismatch, code: "idempotency_key_reused"))
    }

    /// Proves keys expire after --idempotency-ttl and are scoped per principal.
    @Test func expiryAndScope() throws {
        let target = try Fixtures.start(["--idempotency-ttl", "300ms", "--token", "sk-other"])
        let client = try RawHTTPClient(port: target.port)
        let headers = ["Idempotency-Key": "ttl"]
        let first = try client.request(
            "POST", "/v1/responses", headers: headers, body: Bodies.responses(), token: Tokens.full)
        let other = try client.request(
            "POST", "/v1/responses", headers: headers, body: Bodies.responses(), token: "sk-other")
        #expect(other.header("Idempotent-Replayed") == nil)
        #expect(other.json?["id"] as? String != first.json?["id"] as? String)
        usleep(500_000)
        let later = try client.request(
            "POST", "/v1/responses", headers: headers, body: Bodies.responses(), token: Tokens.full)
        #expect(later.header("Idempotent-Replayed") == nil)
        #expect(later.json?["id"] as? String != first.json?["id"] as? String)
    }

    /// Proves a stream the client abandoned is forgotten: the same key later gets a fresh, complete answer.
    @Test func abandonedStreamIsNotReplayed() throws {
        let target = try Fixtures.start(["--first-token-delay-ms", "400", "--heartbeat-ms", "50"])
        let body = Bodies.chat(stream: true)
        do {
            let quitter = try RawHTTPClient(port: target.port)
            quitter.send(
                RawHTTPClient.encode(
                    "POST", "/v1/chat/completions", headers: ["Idempotency-Key": "gone"], body: body, token: Tokens.full
                ))
            // The head proves the stream started (its key is claimed); then the client goes away.
            try quitter.waitForHead()
        }
        // The server learns of the departure at its next heartbeat write and forgets the key; until
        // then the key is in flight (409), so retry on 409 only, never on a replay.
        let client = try RawHTTPClient(port: target.port)
        var retry = try client.request(
            "POST", "/v1/chat/completions", headers: ["Idempotency-Key": "gone"], body: body, token: Tokens.full)
        for _ in 0..<500 where retry.status == 409 {
            usleep(20_000)  // polling interval, not ordering
            retry = try client.request(
                "POST", "/v1/chat/completions", headers: ["Idempotency-Key": "gone"], body: body, token: Tokens.full)
        }
        #expect(retry.status == 200)
        #expect(retry.header("Idempotent-Replayed") == nil)
        #expect(SSEEvents.events(retry).last?.data == "[DONE]")
    }
}
