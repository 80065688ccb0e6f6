/// The trace-id policy: which response headers carry the id, its format, and the
/// run-wide rules (uniqueness, echo of a client-sent id, headers that must agree).
/// Declared in `assay.jsonc`, on the command line, or in a suite's `trace` block.
public struct TracePolicy: Sendable {
    /// Response headers that may carry the id; any one of them is enough.
    public var headers: [String]
    /// The id's shape; nil accepts any non-empty value.
    public var format: TraceFormat?
    /// Whether every response must carry an id (the default); when false only present ids are checked.
    public var required: Bool
    /// Whether ids must be unique across the whole run.
    public var unique: Bool
    /// Request headers whose client-sent value must come back unchanged in the same response header.
    public var echo: [String]
    /// Headers that must hold the same value when more than one of them is present.
    public var requireEqual: [String]
    /// Where the policy was declared, for check results.
    public var location: SourceLocation?

    /// The headers assumed when a policy names none: OpenAI's and the common alternative.
    public static let defaultHeaders = ["X-Request-Id", "X-Trace-Id"]

    /// Creates a policy; every rule beyond presence is off unless given.
    public init(
        headers: [String] = TracePolicy.defaultHeaders, format: TraceFormat? = nil, required: Bool = true,
        unique: Bool = false, echo: [String] = [], requireEqual: [String] = [], location: SourceLocation? = nil
    ) {
        self.headers = headers
        self.format = format
        self.required = required
        self.unique = unique
        self.echo = echo
        self.requireEqual = requireEqual
        self.location = location
    }

    /// This policy with the command line's header names and format, when given, replacing its own.
    public func overriding(headers: [String], format: TraceFormat?) -> TracePolicy {
        var result = self
        if !headers.isEmpty { result.headers = headers }
        if let format { result.format = format }
        return result
    }
}
