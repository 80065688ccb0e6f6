// PLACEHOLDER: the trace engineer replaces this file (decoding, policy, run-wide ledger).
/// The trace-id policy: which headers carry the id and in what format.
public struct TracePolicy: Sendable {}

extension SuiteDecoder {
    static func decodeTrace(_ node: JSONNode?) throws(Diagnostic) -> TracePolicy? {
        guard let node else { return nil }
        throw Diagnostic("`trace` is not supported yet", at: node.location)
    }
}
