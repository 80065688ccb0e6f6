import Foundation
import Testing

@testable import AssayKit

/// The timing rules of `retry`, of a 429 waited out and of the run's pace, run against scripted
/// answers and a clock whose waits move its "now" without sleeping.
@Suite struct StepAttemptsTimingTests {
    /// A clock that records each wait and moves on by it at once.
    final class ScriptedClock: ConversationClock {
        var now = Date(timeIntervalSince1970: 1_796_126_400)
        private(set) var waits: [Double] = []

        func wait(milliseconds: Double) {
            waits.append(milliseconds)
            now = now.addingTimeInterval(milliseconds / 1000)
        }
    }

    /// An attempt answered with `status`; it passes when the status is 200.
    static func answer(_ status: Int, retryAfter: String? = nil, done: Bool? = nil) -> StepAttempts.Attempt {
        let passed = status == 200
        let result = StepResult(
            name: "s", location: nil, verdict: passed ? .passed : .failed, exchanges: [],
            checks: passed ? [] : [.fail("status", "status: expected 200, got \(status)")], captures: [:], curl: nil,
            error: nil, durationMs: 5)
        return StepAttempts.Attempt(
            result: result, status: status, retryAfter: retryAfter, done: done ?? passed, throttled: status == 429)
    }

    /// Runs the attempts over `statuses`, one per attempt (the last repeats).
    static func run(_ attempts: StepAttempts, _ statuses: [Int], retryAfter: String? = nil) -> (StepResult, Int) {
        var sent = 0
        let result = attempts.run { number in
            sent = number
            return answer(statuses[min(number - 1, statuses.count - 1)], retryAfter: retryAfter)
        }
        return (result, sent)
    }

    @Test func retriesUntilTheStepPassesIntervalApart() {
        let clock = ScriptedClock()
        let attempts = StepAttempts(
            retry: RetrySpec(count: 4, intervalMs: 250), rateLimitWaitMs: nil, clock: clock)
        let (result, sent) = Self.run(attempts, [503, 503, 200])
        #expect(sent == 3)
        #expect(result.verdict == .passed)
        #expect(clock.waits == [250, 250])
        #expect(result.attempts?.line == "passed on attempt 3 of 5")
        #expect(result.attempts?.attempts.map(\.status) == [503, 503, 200])
        #expect(result.attempts?.attempts.first?.failures == ["status: expected 200, got 503"])
    }

    @Test func stopsAfterCountRetriesAndKeepsTheLastFailure() {
        let clock = ScriptedClock()
        let attempts = StepAttempts(retry: RetrySpec(count: 2, intervalMs: 100), rateLimitWaitMs: nil, clock: clock)
        let (result, sent) = Self.run(attempts, [500])
        #expect(sent == 3)
        #expect(result.verdict == .failed)
        #expect(clock.waits == [100, 100])
        #expect(result.attempts?.line == "failed on all 3 attempts")
    }

    /// No attempt starts once the next pause would reach `within`.
    @Test func stopsWhenTheBudgetIsSpent() {
        let clock = ScriptedClock()
        let attempts = StepAttempts(
            retry: RetrySpec(count: 10, intervalMs: 1000, withinMs: 2500), rateLimitWaitMs: nil, clock: clock)
        let (result, sent) = Self.run(attempts, [503])
        #expect(sent == 3)
        #expect(clock.waits == [1000, 1000])
        #expect(result.attempts?.line == "failed on attempt 3 of 11 (the retry budget of 2.5s is spent)")
    }

    /// `until` ends the retries even when the step's own expectations would fail.
    @Test func untilEndsTheRetries() {
        let clock = ScriptedClock()
        let attempts = StepAttempts(retry: RetrySpec(count: 5, intervalMs: 10), rateLimitWaitMs: nil, clock: clock)
        var sent = 0
        let result = attempts.run { number in
            sent = number
            return Self.answer(404, done: number == 2)
        }
        #expect(sent == 2)
        #expect(result.verdict == .failed)
        #expect(result.attempts?.line == "failed on attempt 2 of 6")
    }

    /// A single attempt that settles the step records no attempts: the reports stay as they were.
    @Test func aFirstAttemptThatPassesRecordsNothing() {
        let attempts = StepAttempts(
            retry: RetrySpec(count: 3, intervalMs: 10), rateLimitWaitMs: nil, clock: ScriptedClock())
        let (result, sent) = Self.run(attempts, [200])
        #expect(sent == 1)
        #expect(result.attempts == nil)
    }

    /// A 429 is waited out for its Retry-After and does not use up a retry.
    @Test func a429IsWaitedOutWithinTheBudget() {
        let clock = ScriptedClock()
        let attempts = StepAttempts(retry: nil, rateLimitWaitMs: 10_000, clock: clock)
        let (result, sent) = Self.run(attempts, [429, 429, 200], retryAfter: "3")
        #expect(sent == 3)
        #expect(clock.waits == [3000, 3000])
        #expect(result.verdict == .passed)
        #expect(result.attempts?.line == "passed on attempt 1 of 1, after waiting out 2 429s")
    }

    /// Past the wait budget the step is not executed (rate limited): exit 3, never a contract failure.
    @Test func a429PastTheBudgetIsRateLimitedNotFailed() {
        let clock = ScriptedClock()
        let attempts = StepAttempts(retry: RetrySpec(count: 3, intervalMs: 10), rateLimitWaitMs: 5000, clock: clock)
        let (result, sent) = Self.run(attempts, [429], retryAfter: "4")
        #expect(sent == 2)
        #expect(clock.waits == [4000])
        #expect(result.verdict == .error)
        #expect(result.checks.allSatisfy { !$0.failed })
        #expect(
            result.error?.hasPrefix("not executed (rate limited): the target answered 429 and asked to wait 4s") == true
        )
        #expect(result.attempts?.attempts.map(\.rateLimited) == [true, true])
    }

    /// Without a wait budget a 429 is an ordinary answer: retried as any failure.
    @Test func withoutABudgetA429IsAnOrdinaryFailure() {
        let clock = ScriptedClock()
        let attempts = StepAttempts(retry: RetrySpec(count: 1, intervalMs: 10), rateLimitWaitMs: nil, clock: clock)
        let (result, _) = Self.run(attempts, [429], retryAfter: "60")
        #expect(result.verdict == .failed)
        #expect(clock.waits == [10])
    }

    /// The pace hands out evenly spaced slots, whoever asks.
    @Test func thePaceSpacesRequests() throws {
        let clock = ScriptedClock()
        let pacer = RequestPacer(try #require(Pace(parsing: "3/min")))
        let first = clock.now
        for _ in 0..<3 { pacer.waitForTurn(on: clock) }
        #expect(clock.waits == [0, 20_000, 20_000])
        #expect(clock.now.timeIntervalSince(first) == 40)
    }

    @Test func paceTextIsRead() {
        #expect(Pace(parsing: "10/s")?.intervalMs == 100)
        #expect(Pace(parsing: "3/min")?.intervalMs == 20_000)
        #expect(Pace(parsing: "0/s") == nil)
        #expect(Pace(parsing: "3/fortnight") == nil)
        #expect(Pace(parsing: "fast") == nil)
    }
}
