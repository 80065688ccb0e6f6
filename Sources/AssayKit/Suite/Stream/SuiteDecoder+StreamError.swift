/// Decoding of `expect.stream.expectError`: the accepted error frames and the error answer that may
/// come instead of a stream.
extension SuiteDecoder {
    /// `false`, or `{"frames": [{"event"?, "data"}, …], "answer"?: {…}}`.
    static func decodeExpectedError(_ node: JSONNode) throws(Diagnostic) -> StreamErrorExpectation? {
        switch node.kind {
        case .null, .bool(false):
            return nil
        case .object:
            break
        default:
            throw Diagnostic(
                "expected `expectError` to be false or {\"frames\": […], \"answer\": {…}}, found \(node.kindName)",
                at: node.location)
        }
        var reader = try NodeReader(node, context: "`expectError`")
        reader.allow("frames", "answer")
        try reader.finish()
        guard let framesNode = reader.member("frames") else {
            throw Diagnostic(
                "`expectError` needs `frames`: the error frames the stream may end with", at: node.location)
        }
        guard case .array(let items) = framesNode.kind, !items.isEmpty else {
            throw Diagnostic(
                "expected `frames` to be a non-empty list of {\"event\"?, \"data\"}, found \(framesNode.kindName)",
                at: framesNode.location)
        }
        var frames: [StreamErrorExpectation.Frame] = []
        for item in items {
            var frame = try NodeReader(item, context: "an error frame of `expectError`")
            frame.allow("event", "data")
            try frame.finish()
            guard let data = frame.member("data") else {
                throw Diagnostic("an error frame of `expectError` needs `data`", at: item.location)
            }
            try validateMatchers(data)
            frames.append(StreamErrorExpectation.Frame(eventType: try frame.string("event"), data: data.value))
        }
        let answer = reader.member("answer")
        if let answer { try validateMatchers(answer) }
        return StreamErrorExpectation(frames: frames, answer: answer?.value)
    }

    /// A `{{matcher}}` mistake is reported where it was written, before anything is sent.
    private static func validateMatchers(_ node: JSONNode) throws(Diagnostic) {
        do throws(DiagnosticList) {
            _ = try Expectation(parsing: node)
        } catch {
            throw error.diagnostics.first ?? Diagnostic("invalid expected JSON", at: node.location)
        }
    }
}
