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

    /// Combines two verdicts: an error outranks a failure, which outranks not exercised, which
    /// outranks a pass (one unobserved check keeps a case from claiming it passed).
    public func combined(with other: Verdict) -> Verdict {
        other.rank > rank ? other : self
    }

    /// Severity order for `combined`: skipped < passed < not exercised < failed < error.
    private var rank: Int {
        switch self {
        case .skipped: 0
        case .passed: 1
        case .notExercised: 2
        case .failed: 3
        case .error: 4
        }
    }

    /// How reports spell the verdict to a reader: `not exercised` rather than the JSON name.
    public var label: String { self == .notExercised ? "not exercised" : rawValue }
}
