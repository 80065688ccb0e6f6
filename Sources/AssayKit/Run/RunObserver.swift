/// Receives a run's progress. The scheduler calls it from one thread at a time, with
/// cases in plan order whatever order they finished in, so output is deterministic.
public protocol RunObserver: AnyObject {
    /// Before the first case.
    func runStarted(plan: RunPlan, context: RunContext)
    /// A case finished; `index` is its 0-based position in the plan.
    func caseFinished(_ result: CaseResult, index: Int, of total: Int)
    /// The cases finished so far were handed over: the scheduler delivers every result that is
    /// ready at once, then calls this. A writer that gathers a round's output writes it here.
    func casesDelivered()
    /// After the last case, or when the run was interrupted (`result.interrupted`).
    func runFinished(_ result: RunResult)
}

extension RunObserver {
    /// Most file writers only act when the run finishes.
    public func runStarted(plan: RunPlan, context: RunContext) {}
    public func caseFinished(_ result: CaseResult, index: Int, of total: Int) {}
    public func casesDelivered() {}
}
