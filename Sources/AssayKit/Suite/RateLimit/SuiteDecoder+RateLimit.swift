extension SuiteDecoder {
    /// A case's `rateLimit` block: `true` for the defaults, or an object.
    static func decodeRateLimit(_ node: JSONNode?) throws(Diagnostic) -> RateLimitSpec? {
        guard let node else { return nil }
        switch node.kind {
        case .bool(true): return RateLimitSpec(location: node.location)
        case .bool(false): return nil
        default: break
        }
        var spec = RateLimitSpec(location: node.location)
        try RateLimitSpec.decode(node, into: &spec)
        return spec
    }
}

extension RateLimitSpec: OptionBlock {
    static let context = "`rateLimit` block"
    static let keys = ["budget", "envelope", "retryAfter", "limitHeaders", "decreasing", "maxWait", "coolDown"]

    static func decodeOptions(_ reader: NodeReader, into spec: inout RateLimitSpec) throws(Diagnostic) {
        spec.budget = try reader.integer("budget", in: 1...500) ?? spec.budget
        spec.envelope = try reader.choice("envelope", as: ErrorEnvelope.self) ?? spec.envelope
        if case .bool(false)? = reader.member("retryAfter")?.kind {
            spec.retryAfter = .none
        } else {
            spec.retryAfter = try reader.choice("retryAfter", as: RateLimitSpec.RetryRule.self) ?? spec.retryAfter
        }
        if case .bool(false)? = reader.member("limitHeaders")?.kind {
            spec.limitHeaders = .none
        } else {
            spec.limitHeaders =
                try reader.choice("limitHeaders", as: RateLimitSpec.LimitStyle.self) ?? spec.limitHeaders
        }
        spec.decreasing = try reader.bool("decreasing") ?? spec.decreasing
        if let wait = try reader.milliseconds("maxWait") {
            guard wait <= 120_000 else {
                throw Diagnostic(
                    "expected `maxWait` to be at most 2m (the OpenAI SDK's own cap), found \(wait) ms",
                    at: reader.member("maxWait")?.location)
            }
            spec.maxWaitMs = wait
        }
        spec.coolDown = try reader.bool("coolDown") ?? spec.coolDown
    }
}
