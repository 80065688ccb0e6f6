/// A suite file: named cases sharing variables and request defaults.
public struct Suite: Sendable {
    public var name: String
    public var description: String?
    public var tags: [String]
    /// Variables declared by the suite, in declaration order (their values may use `${…}`).
    public var variables: [VariableDefinition]
    public var defaults: SuiteDefaults
    /// The trace-id policy for every exchange of this suite (the run's policy applies too).
    public var trace: TracePolicy?
    /// The `trace` block as written, kept when it uses variables so the planner can resolve it.
    public var traceNode: JSONNode?
    public var cases: [TestCase]
    /// False when the suite opted out of the run's OpenAPI validation (`"openapi": false`).
    public var validatesOpenAPI = true
    /// The file as the user named it (used in every location).
    public var file: String
    public var location: SourceLocation
}

/// A variable declared in a suite or config file.
public struct VariableDefinition: Sendable {
    public var name: String
    /// The raw value; may reference other variables or `${env:NAME}`.
    public var value: String
    /// Secret values are redacted from every output.
    public var secret: Bool
    public var location: SourceLocation?
}

/// What every request of a suite inherits unless a case says otherwise.
public struct SuiteDefaults: Sendable {
    public var headers: [HeaderTemplate] = []
    public var connectTimeoutMs: Int?
    public var totalTimeoutMs: Int?
    public var compare: CompareMode?
}
