import Foundation

/// The timing rules of a step sent more than once: `retry` sends it again while it does not pass
/// (or its `until` does not hold), `interval` apart, at most `count` more times and never past
/// `within`; a 429 the step does not expect is waited out for its `Retry-After` while the run's
/// wait budget lasts, without counting as a retry. Past that budget the step is not executed
/// (rate limited): the target refused to be tested, which says nothing about its contract.
///
/// Pure apart from the clock: the attempts are sent by the closure given to `run`, so tests
/// script both the answers and the time (`ConversationClock`).
struct StepAttempts {
    /// What one attempt gave.
    struct Attempt {
        var result: StepResult
        /// The status of the final response, when one came.
        var status: Int?
        /// The response's `Retry-After`, when a 429 carried one.
        var retryAfter: String?
        /// Whether this attempt ends the retries: its `until` held, or (without one) the step passed.
        var done: Bool
        /// A 429 the step did not expect: the target is rate limiting, not answering.
        var throttled: Bool
        /// Makes the attempt's captures the case's; run only for the attempt that ends the step.
        var keep: () -> Void = {}
    }

    let retry: RetrySpec?
    /// How long 429s may be waited out across the step's attempts; nil: a 429 is an ordinary answer.
    let rateLimitWaitMs: Int?
    let clock: any ConversationClock

    /// The wait after a 429 with no usable `Retry-After`.
    static let defaultRateLimitWaitMs = 1000.0

    /// Sends attempts (numbered from 1) until one ends the step; the result is the last attempt's,
    /// with every attempt in `attempts` when there was more than one.
    func run(_ send: (_ number: Int) -> Attempt) -> StepResult {
        let started = clock.now
        let allowed = (retry?.count ?? 0) + 1
        var records: [AttemptRecord] = []
        var counted = 0
        var waitedOn429 = 0.0
        while true {
            let attempt = send(records.count + 1)
            var record = Self.record(attempt, number: records.count + 1)
            if attempt.throttled, let budget = rateLimitWaitMs {
                let wanted = wait(after: attempt)
                if waitedOn429 + wanted <= Double(budget) {
                    record.rateLimited = true
                    record.waitedMs = wanted
                    records.append(record)
                    waitedOn429 += wanted
                    clock.wait(milliseconds: wanted)
                    continue
                }
                attempt.keep()
                var result = attempt.result
                result.verdict = .error
                result.checks = result.checks.filter { !$0.failed }
                result.error =
                    "not executed (rate limited): the target answered 429 and asked to wait \(Self.seconds(wanted)); "
                    + "\(Self.seconds(waitedOn429)) of the \(Self.seconds(Double(budget))) wait budget was used already"
                record.verdict = .error
                record.rateLimited = true
                records.append(record)
                return finish(result, records, allowed: allowed, stoppedBecause: nil)
            }
            counted += 1
            var stoppedBecause: String?
            if !attempt.done && counted < allowed, let retry {
                let interval = Double(retry.intervalMs)
                let elapsed = clock.now.timeIntervalSince(started) * 1000
                if let within = retry.withinMs, elapsed + interval >= Double(within) {
                    stoppedBecause = "the retry budget of \(Self.seconds(Double(within))) is spent"
                } else {
                    record.waitedMs = interval
                    records.append(record)
                    clock.wait(milliseconds: interval)
                    continue
                }
            }
            attempt.keep()
            records.append(record)
            return finish(attempt.result, records, allowed: allowed, stoppedBecause: stoppedBecause)
        }
    }

    /// How long to wait after a throttled attempt: its `Retry-After`, else the retry interval, else a second.
    private func wait(after attempt: Attempt) -> Double {
        if let header = attempt.retryAfter, case .success(let seconds) = RetryAfter.seconds(header, now: clock.now) {
            return seconds * 1000
        }
        return retry.map { Double($0.intervalMs) } ?? Self.defaultRateLimitWaitMs
    }

    private func finish(_ result: StepResult, _ records: [AttemptRecord], allowed: Int, stoppedBecause: String?)
        -> StepResult
    {
        var result = result
        if records.count > 1 || stoppedBecause != nil {
            result.attempts = AttemptSummary(attempts: records, allowed: allowed, stoppedBecause: stoppedBecause)
        }
        return result
    }

    static func record(_ attempt: Attempt, number: Int) -> AttemptRecord {
        AttemptRecord(
            attempt: number, verdict: attempt.result.verdict, status: attempt.status,
            failures: attempt.result.checks.filter(\.failed).map(\.message), error: attempt.result.error,
            durationMs: attempt.result.durationMs)
    }

    /// `1.5s`, `60s`: how waits read in messages.
    static func seconds(_ milliseconds: Double) -> String {
        let seconds = milliseconds / 1000
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\((seconds * 10).rounded() / 10)s"
    }
}
