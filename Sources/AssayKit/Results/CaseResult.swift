import Foundation

/// The result of one step: its exchanges (redacted), its checks and how to reproduce it.
public struct StepResult: Sendable, Codable {
    public var name: String
    public var location: SourceLocation?
    public var verdict: Verdict
    /// Usually one; replay and rate-limit checks send several requests.
    public var exchanges: [ExchangeRecord]
    /// Every check of the step; empty for a passing step recorded as a summary (see `checksPassed`).
    public var checks: [CheckResult]
    /// How many checks passed, when a passing step keeps only its summary and not the checks themselves.
    public var checksPassed: Int? = nil
    /// Variables captured by this step; secret values are masked.
    public var captures: [String: String]
    /// A one-line `curl` command that reproduces the request, secrets redacted.
    public var curl: String?
    /// Why the step could not be executed, when its verdict is `error`.
    public var error: String?
    public var durationMs: Double
    /// Every attempt, when the step was sent more than once (`retry`, a 429 waited out).
    @Boxed public var attempts: AttemptSummary? = nil

    /// The verdict its checks give a step that answered: failed if one failed, else not exercised
    /// if one had nothing to observe, else passed.
    static func verdict(of checks: [CheckResult]) -> Verdict {
        if checks.contains(where: \.failed) { return .failed }
        if checks.contains(where: \.wasNotExercised) { return .notExercised }
        return .passed
    }

    /// Turns a failed precondition step into one not exercised: each failed check of its own
    /// expectation becomes the reason, naming the precondition. The run-wide trace checks on its
    /// exchange are the trace clause's own contract, so they keep failing.
    mutating func markPreconditionUnmet() {
        guard verdict == .failed else { return }
        for index in checks.indices where checks[index].failed && checks[index].kind != "trace" {
            checks[index].notExercised = true
            checks[index].message = "precondition `\(name)` did not hold: " + checks[index].message
        }
        verdict = Self.verdict(of: checks)
    }

    /// Drops what a step with this verdict does not keep: a passing step recorded as a summary
    /// keeps the number of its checks, not the checks (reports list only the failed ones).
    mutating func keepOnly(_ detail: ExchangeRecord.Detail) {
        guard detail == .summary, verdict == .passed, !checks.isEmpty else { return }
        checksPassed = checks.count
        checks = []
    }
}

/// The result of one case.
public struct CaseResult: Sendable, Codable {
    public var suite: String
    public var name: String
    public var tags: [String]
    public var location: SourceLocation
    public var verdict: Verdict
    public var durationMs: Double
    public var steps: [StepResult]
    /// Why the case was skipped or could not run, when it says more than its steps do.
    public var reason: String?
    public var startedAt: Date
    /// True for an `exclusive` case (no other request overlapped its own), so the run timeline can mark it; nil otherwise.
    public var exclusive: Bool? = nil

    /// The attempts line of the first step sent more than once (`passed on attempt 3 of 5`).
    public var attemptsLine: String? {
        steps.lazy.compactMap(\.attempts).first { $0.attempts.count > 1 }?.line
    }

    /// Every failed check across the steps.
    public var failedChecks: [CheckResult] { steps.flatMap { $0.checks.filter(\.failed) } }

    /// Why the case was not exercised: its own reason, else the first check that had nothing to observe.
    public var notExercisedReason: String {
        reason ?? steps.lazy.flatMap(\.checks).first(where: \.wasNotExercised)?.message ?? "nothing to observe"
    }
}

/// The results of one suite file, in suite order.
public struct SuiteResult: Sendable, Codable {
    public var name: String
    public var file: String
    public var cases: [CaseResult]
}
