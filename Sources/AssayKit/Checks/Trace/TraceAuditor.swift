// PLACEHOLDER: the trace engineer replaces this file.
/// Applies the trace policy to every exchange of a run and remembers ids to prove uniqueness.
public final class TraceAuditor: Sendable {
    public init() {}

    /// The trace checks for one exchange.
    func audit(_ exchange: Exchange, suitePolicy: TracePolicy?) -> [CheckResult] { [] }
}
