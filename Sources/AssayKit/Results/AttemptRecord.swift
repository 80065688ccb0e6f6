/// One attempt of a step that was sent more than once (`retry`, or a 429 waited out): what it
/// got and why it did not end the step. The step's own result is its last attempt.
public struct AttemptRecord: Sendable, Codable, Equatable {
    /// 1 for the first attempt.
    public var attempt: Int
    public var verdict: Verdict
    /// The status the target answered, when it answered.
    public var status: Int?
    /// The checks that did not hold, redacted as the step's own are.
    public var failures: [String]
    /// Why the attempt could not be executed (connection refused, timeout), redacted.
    public var error: String?
    public var durationMs: Double
    /// How long the run waited after this attempt before the next one (interval or `Retry-After`).
    public var waitedMs: Double?
    /// Set when the attempt was a 429 waited out rather than counted as a retry.
    public var rateLimited: Bool?

    public init(
        attempt: Int, verdict: Verdict, status: Int?, failures: [String], error: String?, durationMs: Double,
        waitedMs: Double? = nil, rateLimited: Bool? = nil
    ) {
        self.attempt = attempt
        self.verdict = verdict
        self.status = status
        self.failures = failures
        self.error = error
        self.durationMs = durationMs
        self.waitedMs = waitedMs
        self.rateLimited = rateLimited
    }
}

/// A step's attempts as a reader sees them: "passed on attempt 3 of 5".
public struct AttemptSummary: Sendable, Codable, Equatable {
    /// Every attempt in order; the last is the step's own result.
    public var attempts: [AttemptRecord]
    /// The most attempts the step was allowed (its retries plus one).
    public var allowed: Int
    /// Why the attempts stopped before the last allowed one, when they did for a budget.
    public var stoppedBecause: String?

    public init(attempts: [AttemptRecord], allowed: Int, stoppedBecause: String? = nil) {
        self.attempts = attempts
        self.allowed = allowed
        self.stoppedBecause = stoppedBecause
    }

    /// Attempts that counted against the retries (a 429 waited out does not).
    public var counted: Int { attempts.filter { $0.rateLimited != true }.count }

    /// One line for every report: `passed on attempt 3 of 5`, `failed on all 4 attempts`.
    public var line: String {
        let final = attempts.last?.verdict ?? .failed
        let waits = attempts.filter { $0.rateLimited == true }.count
        var text: String
        if final == .passed {
            text = "passed on attempt \(counted) of \(allowed)"
        } else if counted >= allowed {
            text = "\(final.label) on all \(allowed) attempt\(allowed == 1 ? "" : "s")"
        } else {
            text = "\(final.label) on attempt \(counted) of \(allowed)"
        }
        if waits > 0 { text += ", after waiting out \(waits) 429\(waits == 1 ? "" : "s")" }
        if let stoppedBecause { text += " (\(stoppedBecause))" }
        return text
    }
}
