import Foundation
import Testing

@testable import AssayKit

/// The timing rules of the multi-request conversations (cool-down after a 429, the Retry-After
/// cap, the wait for a replay key to expire), run against a scripted performer and a clock that
/// records its waits: each test takes milliseconds, whatever wait it checks.
@Suite struct ConversationTimingTests {
    /// A fixed "now" for HTTP-date hints: Tue, 01 Dec 2026 12:00:00 GMT.
    static let now = Date(timeIntervalSince1970: 1_796_126_400)

    static func response(
        _ status: Int, headers: [(String, String)] = [], body: String = "{\"id\": \"a\"}"
    ) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: HTTPHeaders(headers.map { HTTPHeader(name: $0.0, value: $0.1) }),
            body: Data(body.utf8))
    }

    static let request = HTTPRequest(method: "POST", url: "http://127.0.0.1:1/v1/things", body: Data("{}".utf8))

    static func rateLimit(_ adjust: (inout RateLimitSpec) -> Void = { _ in }) -> RateLimitSpec {
        var spec = RateLimitSpec()
        spec.envelope = .none
        spec.limitHeaders = .none
        adjust(&spec)
        return spec
    }

    static func runRateLimit(_ spec: RateLimitSpec, answers: [HTTPResponse]) -> (
        RateLimitConversation, ScriptedPerformer, RecordingClock
    ) {
        let performer = ScriptedPerformer(answers)
        let clock = RecordingClock(now: now)
        var conversation = RateLimitConversation(
            spec: spec, performer: performer, clock: clock, options: TransportOptions(), redactor: Redactor())
        conversation.run(request) { _, _ in [] }
        return (conversation, performer, clock)
    }

    static func failures(_ checks: [CheckResult]) -> [String] {
        checks.filter(\.failed).map(\.message)
    }

    /// The cool-down waits exactly what `retry-after-ms` asks, then sends one more request.
    @Test func coolDownWaitsTheAdvertisedMilliseconds() {
        let (conversation, performer, clock) = Self.runRateLimit(
            Self.rateLimit(),
            answers: [
                Self.response(200), Self.response(429, headers: [("retry-after-ms", "1200")]), Self.response(200),
            ])
        #expect(clock.waits == [1200])
        #expect(performer.labels == ["request 1", "request 2", "request after the cool-down"])
        #expect(Self.failures(conversation.checks).isEmpty)
        #expect(conversation.checks.contains { $0.message.contains("after waiting 1200 ms a request succeeded") })
    }

    /// `retry-after-ms` wins over `Retry-After`, as the OpenAI SDK reads it first.
    @Test func millisecondsHintWinsOverSeconds() {
        let (_, _, clock) = Self.runRateLimit(
            Self.rateLimit(),
            answers: [
                Self.response(429, headers: [("Retry-After", "3"), ("retry-after-ms", "250")]), Self.response(200),
            ])
        #expect(clock.waits == [250])
    }

    /// A `Retry-After` HTTP date is read against the clock's now, not the machine's.
    @Test func httpDateHintIsMeasuredFromTheClock() {
        let (conversation, _, clock) = Self.runRateLimit(
            Self.rateLimit(),
            answers: [
                Self.response(429, headers: [("Retry-After", "Tue, 01 Dec 2026 12:00:03 GMT")]), Self.response(200),
            ])
        #expect(clock.waits == [3000])
        #expect(Self.failures(conversation.checks).isEmpty)
    }

    /// A target asking for longer than `maxWait` is not waited for: the cool-down is not exercised,
    /// with both numbers, no request is sent for it, and nothing fails (the cap is the user's choice).
    @Test func waitPastMaxWaitIsNotExercised() {
        let (conversation, performer, clock) = Self.runRateLimit(
            Self.rateLimit { $0.maxWaitMs = 800 },
            answers: [Self.response(429, headers: [("Retry-After", "30")]), Self.response(429)])
        #expect(clock.waits.isEmpty)
        #expect(performer.labels == ["request 1"])
        #expect(Self.failures(conversation.checks).isEmpty)
        #expect(
            conversation.checks.filter(\.wasNotExercised).map(\.message) == [
                "rateLimit: not exercised: the cool-down: the target asked to wait 30000 ms, longer than maxWait "
                    + "800 ms; raise maxWait to observe it"
            ])
    }

    /// Without a hint the cool-down waits `maxWait`, and the missing header is a failure.
    @Test func missingHintWaitsMaxWait() {
        let (conversation, _, clock) = Self.runRateLimit(
            Self.rateLimit { $0.maxWaitMs = 1500 }, answers: [Self.response(429), Self.response(200)])
        #expect(clock.waits == [1500])
        #expect(
            Self.failures(conversation.checks) == [
                "rateLimit: the 429 (request 1) has no Retry-After or retry-after-ms header"
            ])
    }

    /// `coolDown: false` neither waits nor sends after the 429; the burst never passes its budget.
    @Test func noCoolDownAndBudgetIsAHardCap() {
        let (_, performer, clock) = Self.runRateLimit(
            Self.rateLimit { $0.coolDown = false }, answers: [Self.response(429, headers: [("retry-after-ms", "10")])])
        #expect(clock.waits.isEmpty)
        #expect(performer.labels == ["request 1"])
        let (conversation, capped, _) = Self.runRateLimit(
            Self.rateLimit { $0.budget = 3 }, answers: Array(repeating: Self.response(200), count: 10))
        #expect(capped.labels == ["request 1", "request 2", "request 3"])
        #expect(
            Self.failures(conversation.checks) == ["rateLimit: sent 3 requests, no 429; is the limit above the budget?"]
        )
    }

    static func runReplay(ttlMs: Int, afterTTL: HTTPResponse) -> (ReplayConversation, ScriptedPerformer, RecordingClock)
    {
        var spec = ReplaySpec()
        spec.mismatch = nil
        spec.ttlMs = ttlMs
        let replayed = response(200, headers: [("Idempotent-Replayed", "true")])
        let performer = ScriptedPerformer([response(200), replayed, afterTTL])
        let clock = RecordingClock(now: now)
        var conversation = ReplayConversation(
            spec: spec, performer: performer, clock: clock, options: TransportOptions(), redactor: Redactor())
        conversation.run(conversation.keyed(request, "k-1"), key: "k-1") { _, _ in [] }
        return (conversation, performer, clock)
    }

    /// The expiry check waits the TTL plus its margin (at least 500 ms, else a tenth of the TTL).
    @Test func expiryWaitsTheTTLPlusAMargin() {
        let (conversation, performer, clock) = Self.runReplay(
            ttlMs: 1000, afterTTL: Self.response(200, body: "{\"id\": \"b\"}"))
        #expect(clock.waits == [1500])
        #expect(performer.labels == ["request 1", "request 2", "request after the TTL"])
        #expect(Self.failures(conversation.checks).isEmpty)
        #expect(conversation.checks.contains { $0.message.contains("after 1500 ms the key gave a fresh answer") })
        let (_, _, longer) = Self.runReplay(ttlMs: 20_000, afterTTL: Self.response(200, body: "{\"id\": \"b\"}"))
        #expect(longer.waits == [22_000])
    }

    /// A key that still answers with the stored result after the TTL is a failure.
    @Test func keyThatOutlivesItsTTLFails() {
        let stored = Self.response(200, headers: [("Idempotent-Replayed", "true")])
        let (conversation, _, clock) = Self.runReplay(ttlMs: 1000, afterTTL: stored)
        #expect(clock.waits == [1500])
        let failures = Self.failures(conversation.checks)
        #expect(failures.count == 1)
        #expect(
            failures.first?.contains("got the stored answer again; the key should have expired after 1000 ms") == true)
    }
}

/// Answers each request with the next scripted response and records the labels it was sent with.
final class ScriptedPerformer: Performer {
    private var answers: [HTTPResponse]
    private(set) var labels: [String] = []

    init(_ answers: [HTTPResponse]) { self.answers = answers }

    private func answer(_ request: HTTPRequest) -> Exchange {
        let start = ContinuousClock.now
        let response = answers.isEmpty ? nil : answers.removeFirst()
        return Exchange(
            request: request, response: response,
            failure: response == nil
                ? TransportFailure(kind: .connectionRefused, curlCode: 7, message: "script exhausted") : nil,
            startedAt: Date(), startInstant: start, finishedAt: start)
    }

    func perform(_ request: HTTPRequest, options: TransportOptions, label: String?, replayKey: String?)
        -> (exchange: Exchange, checks: [CheckResult])
    {
        labels.append(label ?? "the case's request")
        return (answer(request), [])
    }

    func performAtOnce(
        _ request: HTTPRequest, count: Int, options: TransportOptions, label: @escaping @Sendable (Int) -> String,
        replayKey: String?
    ) -> [ConcurrentBurst.Outcome] {
        (0..<count).map { index in
            labels.append(label(index))
            return ConcurrentBurst.Outcome(exchange: answer(request), checks: [])
        }
    }
}

/// A clock whose now stands still and whose waits are recorded, not waited.
final class RecordingClock: ConversationClock {
    let now: Date
    private(set) var waits: [Double] = []

    init(now: Date) { self.now = now }

    func wait(milliseconds: Double) { waits.append(milliseconds) }
}
