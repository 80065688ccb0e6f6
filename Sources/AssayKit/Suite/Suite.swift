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
    /// Whose cookies a request sends: the case's own (default), the suite's, or none.
    public var cookieJar: CookieJarScope = .case
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
    /// A JSON-valued variable (config files only): the object, array, number, boolean or null a
    /// suite string written exactly `"${name}"` is replaced by, before the suite is decoded.
    public var node: JSONNode?

    public init(name: String, value: String, secret: Bool, location: SourceLocation?, node: JSONNode? = nil) {
        self.name = name
        self.value = value
        self.secret = secret
        self.location = location
        self.node = node
    }
}

/// What every request of a suite inherits unless a case says otherwise.
public struct SuiteDefaults: Sendable {
    public var headers: [HeaderTemplate] = []
    public var connectTimeoutMs: Int?
    public var totalTimeoutMs: Int?
    public var compare: CompareMode?
    /// The suite's client certificate and CA bundle (`tls`).
    public var tls: SuiteTLS?
}

/// `cookieJar` of a suite: how far the cookies a response sets are kept.
public enum CookieJarScope: String, Sendable, CaseIterable {
    /// Each case starts with an empty jar; its steps and redirect hops share it.
    case `case`
    /// One jar across every case of the suite, which then run one at a time in file order.
    case suite
    /// No jar: only the cookies a request writes are sent.
    case off
}

extension Suite {
    /// With one jar for the whole suite, a case must see the cookies of the cases before it, so
    /// each runs alone, in file order (an `exclusive` case starts only when nothing is in flight).
    mutating func sharesCookiesInFileOrder() {
        guard cookieJar == .suite else { return }
        for index in cases.indices { cases[index].exclusive = true }
    }
}
