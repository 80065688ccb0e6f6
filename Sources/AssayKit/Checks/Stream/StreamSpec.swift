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
