/// A request as written in a suite: strings may hold `${variables}`, resolved per run.
public struct RequestTemplate: Sendable {
    public var method: String
    /// A path joined to the target URL (`/v1/models`) or an absolute URL.
    public var url: String
    /// Query parameters appended to the URL, in order.
    public var query: [(name: String, value: String)]
    public var headers: [HeaderTemplate]
    public var body: BodyTemplate
    public var connectTimeoutMs: Int?
    public var totalTimeoutMs: Int?
    public var location: SourceLocation
}

/// A header as written in a suite.
public struct HeaderTemplate: Sendable {
    public var name: String
    public var value: String
    public var location: SourceLocation?
}

/// A request body as written in a suite.
public enum BodyTemplate: Sendable {
    case none
    /// JSON, sent with `Content-Type: application/json` unless a header says otherwise.
    case json(JSONValue)
    /// Raw text sent as is (for invalid-JSON and content-type cases).
    case text(String)
}
