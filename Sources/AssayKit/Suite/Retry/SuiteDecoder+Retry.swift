extension SuiteDecoder {
    /// `retry`: a number of retries (`"retry": 3`, one second apart), or
    /// `{count, interval?, until?, within?}`.
    static func decodeRetry(_ node: JSONNode?) throws(Diagnostic) -> RetrySpec? {
        guard let node else { return nil }
        if case .number = node.kind {
            let count = try node.requireInteger("`retry`", in: 0...RetrySpec.maximumRetries)
            return RetrySpec(count: count, intervalMs: RetrySpec.defaultIntervalMs, location: node.location)
        }
        guard case .object = node.kind else {
            throw Diagnostic(
                "expected `retry` to be a number of retries or {\"count\", \"interval\", \"until\", \"within\"}, found \(node.kindName)",
                at: node.location)
        }
        var reader = try NodeReader(node, context: "retry")
        reader.allow("count", "interval", "until", "within")
        try reader.finish()
        guard let count = try reader.integer("count", in: 0...RetrySpec.maximumRetries) else {
            throw Diagnostic(
                "`retry` needs a `count` (how many times to send again, 0…\(RetrySpec.maximumRetries))",
                at: node.location)
        }
        var until: ResponseExpectation?
        if let untilNode = reader.member("until") {
            until = try decodeExpectation(untilNode)
            if until?.checksNothing == true {
                throw Diagnostic(
                    "`retry.until` expects nothing, so it would hold at once; give it a `status` or other `expect` keys",
                    at: untilNode.location)
            }
            if until?.stream != nil {
                throw Diagnostic(
                    "`retry.until` cannot watch a stream; put `stream` in `expect`", at: untilNode.location)
            }
        }
        let within = try reader.milliseconds("within")
        if within == 0, let withinNode = reader.member("within") {
            throw Diagnostic("expected `retry.within` to be more than 0", at: withinNode.location)
        }
        return RetrySpec(
            count: count, intervalMs: try reader.milliseconds("interval") ?? RetrySpec.defaultIntervalMs,
            until: until, withinMs: within, location: node.location)
    }
}
