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

    /// Combines two verdicts: an error outranks a failure, which outranks a pass.
    public func combined(with other: Verdict) -> Verdict {
        other.rank > rank ? other : self
    }

    /// Severity order for `combined`: skipped < passed < failed < error.
    private var rank: Int {
        switch self {
        case .skipped: 0
        case .passed: 1
        case .failed: 2
        case .error: 3
        }
    }
}
