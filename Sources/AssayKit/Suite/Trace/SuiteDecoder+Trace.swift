extension SuiteDecoder {
    /// A suite's `trace` block (the same shape as the `trace` block of `assay.jsonc`).
    /// A block that uses `${variables}` (a pack naming the header per target) is decoded again by
    /// the planner once the suite's variables are known; until then it is a default policy.
    static func decodeTrace(_ node: JSONNode?) throws(Diagnostic) -> TracePolicy? {
        guard let node else { return nil }
        if node.containsVariableReference { return TracePolicy(location: node.location) }
        return try TracePolicy.decode(node)
    }
}

extension TracePolicy {
    /// The keys a `trace` block may have.
    static let keys = ["headers", "format", "required", "unique", "echo", "requireEqual"]

    /// Decodes a `trace` block: `headers` (string or list), `format`, `required`, `unique`,
    /// `echo` (true for the policy's headers, or header names), `requireEqual` (header names).
    public static func decode(_ node: JSONNode) throws(Diagnostic) -> TracePolicy {
        var reader = try NodeReader(node, context: "`trace` block")
        reader.allow(contentsOf: keys)
        try reader.finish()
        var policy = TracePolicy(location: node.location)
        if reader.has("headers") {
            policy.headers = try reader.strings("headers")
            guard !policy.headers.isEmpty else {
                throw Diagnostic(
                    "expected `headers` to name at least one header", at: reader.member("headers")?.location)
            }
        }
        try validateNames(policy.headers, reader: reader, key: "headers")
        if let node = reader.member("format") {
            let text = try node.requireString("`format`")
            guard let format = TraceFormat(parsing: text) else {
                throw Diagnostic(
                    "expected `format` to be one of \(TraceFormat.names.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(text)\"",
                    at: node.location,
                    hint: Suggestion.nearest(to: text, among: ["hex32", "uuid", "traceparent"]).map {
                        "did you mean \"\($0)\"?"
                    })
            }
            if case .regex(let pattern) = format { try RegexCheck.validate(pattern, at: node.location) }
            policy.format = format
        }
        policy.required = try reader.bool("required") ?? true
        policy.unique = try reader.bool("unique") ?? false
        switch reader.member("echo")?.kind {
        case nil, .bool(false): policy.echo = []
        case .bool(true): policy.echo = policy.headers
        default:
            policy.echo = try reader.strings("echo")
            try validateNames(policy.echo, reader: reader, key: "echo")
        }
        policy.requireEqual = try reader.strings("requireEqual")
        try validateNames(policy.requireEqual, reader: reader, key: "requireEqual")
        if policy.requireEqual.count == 1 {
            throw Diagnostic(
                "expected `requireEqual` to name at least two headers", at: reader.member("requireEqual")?.location,
                hint: "e.g. [\"X-Trace-Id\", \"X-Request-Id\"]")
        }
        return policy
    }

    private static func validateNames(_ names: [String], reader: NodeReader, key: String) throws(Diagnostic) {
        guard let location = reader.member(key)?.location else { return }
        for name in names { try HeaderName.validate(name, at: location) }
    }
}
