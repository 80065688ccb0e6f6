import Foundation

/// Everything a run produced: the one tree every reporter transforms.
public struct RunResult: Sendable, Codable {
    /// Bumped when the JSON report changes incompatibly (documented in docs/REPORTS.md).
    public static let schemaVersion = 3

    public var schemaVersion: Int = RunResult.schemaVersion
    public var tool: String = "assay \(AssayVersion.current)"
    public var target: String
    public var mode: PolicyMode
    public var startedAt: Date
    public var durationMs: Double
    public var suites: [SuiteResult]
    public var summary: RunSummary
    /// Variables of the run, secrets omitted (they are read again from the environment on replay).
    public var variables: [String: String]
    /// Names of the secret variables of the run (values never stored).
    public var secretNames: [String]
    /// Set when the run was cut short (SIGINT/SIGTERM); the report holds what finished.
    public var interrupted: Bool = false
    /// `i/n` when the run was one shard of a larger one.
    public var shard: String?
    /// What the trace-id policy saw (responses without an id, by status class); nil when no policy applied.
    public var traceSummary: TraceSummary?
    /// How many exchanges `--openapi` validated, and how many it could not (no operation, a status
    /// outside the validated ones); nil when the run had no description.
    public var openAPISummary: OpenAPISummary?

    public var cases: [CaseResult] { suites.flatMap(\.cases) }
}

/// The tool's version, printed by `assay version` and stamped into reports.
public enum AssayVersion {
    public static let current = "0.1.0"
}
