extension SuiteDecoder {
    /// A case's `rateLimit` block: `true` for the defaults, or an object.
    static func decodeRateLimit(_ node: JSONNode?) throws(Diagnostic) -> RateLimitSpec? {
        guard let node else { return nil }
        switch node.kind {
        case .bool(true): return RateLimitSpec(location: node.location)
        case .bool(false): return nil
        default: break
        }
        var reader = try NodeReader(node, context: "`rateLimit` block")
        reader.allow(
            "budget", "envelope", "retryAfter", "limitHeaders", "decreasing", "maxWait", "coolDown", "window")
        try reader.finish()
        var spec = RateLimitSpec(location: node.location)
        spec.budget = try reader.integer("budget", in: 1...500) ?? spec.budget
        spec.envelope = try reader.choice("envelope", as: ErrorEnvelope.self) ?? spec.envelope
        if case .bool(false)? = reader.member("retryAfter")?.kind {
            spec.retryAfter = .none
        } else {
            spec.retryAfter = try reader.choice("retryAfter", as: RateLimitSpec.RetryRule.self) ?? spec.retryAfter
        }
        if let node = reader.member("limitHeaders") { spec.limitHeaders = try decodeLimitHeaders(node) }
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
        if let window = try reader.milliseconds("window") {
            guard (1...3_600_000).contains(window) else {
                throw Diagnostic(
                    "expected `window` to be from 1ms to 1h, found \(window) ms", at: reader.member("window")?.location)
            }
            spec.windowMs = window
        }
        return spec
    }

    /// `limitHeaders`: `"openai"`, `"ietf"`, `"none"` (or false), or a server's own names
    /// `{"limit": NAME, "remaining": NAME, "reset": NAME}` (`remaining` required).
    static func decodeLimitHeaders(_ node: JSONNode) throws(Diagnostic) -> RateLimitSpec.LimitStyle {
        switch node.kind {
        case .bool(false): return .none
        case .string(let text):
            guard let style = RateLimitSpec.LimitStyle(name: text) else {
                throw Diagnostic(
                    "expected `limitHeaders` to be one of \(RateLimitSpec.LimitStyle.names.map { "\"\($0)\"" }.joined(separator: ", ")) or {\"limit\", \"remaining\", \"reset\"} header names, found \"\(text)\"",
                    at: node.location,
                    hint: Suggestion.nearest(to: text, among: RateLimitSpec.LimitStyle.names).map {
                        "did you mean \"\($0)\"?"
                    })
            }
            return style
        case .object:
            var reader = try NodeReader(node, context: "`limitHeaders`")
            reader.allow("limit", "remaining", "reset")
            try reader.finish()
            // `null` (or leaving it out) for a header the server does not send.
            func optional(_ key: String) throws(Diagnostic) -> String? {
                if case .null? = reader.member(key)?.kind { return nil }
                return try reader.string(key)
            }
            let names = RateLimitSpec.LimitHeaderNames(
                limit: try optional("limit"), remaining: try reader.requiredString("remaining"),
                reset: try optional("reset"))
            for name in names.all { try HeaderName.validate(name, at: node.location) }
            return .named(names)
        default:
            throw Diagnostic(
                "expected `limitHeaders` to be \"openai\", \"ietf\", \"none\" or an object of header names, found \(node.kindName)",
                at: node.location)
        }
    }
}
