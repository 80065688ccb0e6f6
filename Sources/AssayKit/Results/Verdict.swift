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
        let rank: [Verdict: Int] = [.skipped: 0, .passed: 1, .failed: 2, .error: 3]
        return (rank[other] ?? 0) > (rank[self] ?? 0) ? other : self
    }
}
