// PLACEHOLDER: the stream engineer replaces this file (decoding, spec, runner hook).
/// A suite's `expect.stream` block.
public struct StreamSpec: Sendable {
    public var location: SourceLocation?
}

extension SuiteDecoder {
    static func decodeStream(_ node: JSONNode?) throws(Diagnostic) -> StreamSpec? {
        guard let node else { return nil }
        throw Diagnostic("`stream` expectations are not supported yet", at: node.location)
    }
}

/// Bridges the transport to the SSE recorder and evaluates a stream expectation.
final class StreamCheck {
    init(spec: StreamSpec, context: RunContext, redactor: Redactor) {}
    var observer: (any TransferObserver)? { nil }
    var record: StreamRecord? { nil }
    func results(for exchange: Exchange, performer: ExchangePerformer, scope: VariableScope) -> [CheckResult] { [] }
}
