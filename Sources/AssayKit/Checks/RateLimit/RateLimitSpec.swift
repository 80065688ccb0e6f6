// PLACEHOLDER: the rate-limit engineer replaces this file (decoding, spec, runner).
/// A case's `rateLimit` block.
public struct RateLimitSpec: Sendable {
    /// Bursts always run alone, so they never pollute other cases.
    public var runsExclusively: Bool { true }
}

extension SuiteDecoder {
    static func decodeRateLimit(_ node: JSONNode?) throws(Diagnostic) -> RateLimitSpec? {
        guard let node else { return nil }
        throw Diagnostic("`rateLimit` is not supported yet", at: node.location)
    }
}

extension CaseRunner {
    /// Runs a rate-limit case's single step.
    func runRateLimit(
        _ spec: RateLimitSpec, step: Step, suite: Suite, scope: VariableScope, redactor: Redactor, performer: ExchangePerformer
    ) -> StepResult {
        CaseRunner.emptyResult(step)
    }
}
