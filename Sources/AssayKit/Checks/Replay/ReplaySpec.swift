// PLACEHOLDER: the replay engineer replaces this file (decoding, spec, runner).
/// A case's `replay` block.
public struct ReplaySpec: Sendable {
    /// Cases that wait out a TTL must run alone.
    public var runsExclusively: Bool { false }
}

extension SuiteDecoder {
    static func decodeReplay(_ node: JSONNode?) throws(Diagnostic) -> ReplaySpec? {
        guard let node else { return nil }
        throw Diagnostic("`replay` is not supported yet", at: node.location)
    }
}

extension CaseRunner {
    /// Runs a replay case's single step.
    func runReplay(
        _ spec: ReplaySpec, step: Step, suite: Suite, scope: VariableScope, redactor: Redactor, performer: ExchangePerformer
    ) -> StepResult {
        CaseRunner.emptyResult(step)
    }
}
