/// The outcome of a case or step.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    /// Every check held.
    case passed
    /// The target answered, and a contract check did not hold (exit code 1).
    case failed
    /// The case could not be executed: connection, TLS, timeout (exit code 3).
    case error
    /// Not run: filtered out by a skip flag in the suite, or a step after a failure.
    case skipped
    /// It ran, but what the contract is about could not be observed (a precondition did not hold,
    /// or a check had nothing to look at). Never a pass and never a failure; the reason says why.
    case notExercised
    /// Never ran, or ran only in part: the run was interrupted (SIGINT/SIGTERM) before it started or
    /// while its requests were in flight. Says nothing about the target.
    case notRun

    /// Combines two verdicts: an error outranks a failure, which outranks not exercised, which
    /// outranks a pass (one unobserved check keeps a case from claiming it passed).
    public func combined(with other: Verdict) -> Verdict {
        other.rank > rank ? other : self
    }

    /// Severity order for `combined`: skipped < not run < passed < not exercised < failed < error.
    private var rank: Int {
        switch self {
        case .skipped: 0
        case .notRun: 1
        case .passed: 2
        case .notExercised: 3
        case .failed: 4
        case .error: 5
        }
    }

    /// How reports spell the verdict to a reader: `not exercised`, `not run` rather than the JSON names.
    public var label: String {
        switch self {
        case .notExercised: "not exercised"
        case .notRun: "not run"
        default: rawValue
        }
    }
}
