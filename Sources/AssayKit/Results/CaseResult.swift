import Foundation

/// The result of one step: its exchanges (redacted), its checks and how to reproduce it.
public struct StepResult: Sendable, Codable {
    public var name: String
    public var location: SourceLocation?
    public var verdict: Verdict
    /// Usually one; replay and rate-limit checks send several requests.
    public var exchanges: [ExchangeRecord]
    public var checks: [CheckResult]
    /// Variables captured by this step; secret values are masked.
    public var captures: [String: String]
    /// A one-line `curl` command that reproduces the request, secrets redacted.
    public var curl: String?
    /// Why the step could not be executed, when its verdict is `error`.
    public var error: String?
    public var durationMs: Double
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

    /// Every failed check across the steps.
    public var failedChecks: [CheckResult] { steps.flatMap { $0.checks.filter { !$0.passed } } }
}

/// The results of one suite file, in suite order.
public struct SuiteResult: Sendable, Codable {
    public var name: String
    public var file: String
    public var cases: [CaseResult]
}
