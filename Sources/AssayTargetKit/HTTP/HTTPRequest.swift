/// One header field, kept in arrival order with its original spelling.
public struct HTTPField: Sendable, Equatable {
    /// The field name as sent.
    public var name: String
    /// The field value with surrounding whitespace trimmed.
    public var value: String

    /// Creates a field.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A parsed HTTP/1.1 request with a fully decoded body.
public struct HTTPRequest: Sendable, Equatable {
    /// The method, e.g. `POST`.
    public var method: String
    /// The path without the query string, e.g. `/v1/models`.
    public var path: String
    /// The raw query string after `?`, if any.
    public var query: String?
    /// The protocol version token, e.g. `HTTP/1.1`.
    public var version: String
    /// Header fields in arrival order.
    public var headers: [HTTPField]
    /// The body after Content-Length or chunked decoding.
    public var body: [UInt8]

    /// Creates a request.
    public init(
        method: String, path: String, query: String? = nil, version: String = "HTTP/1.1",
        headers: [HTTPField] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// Whether the connection stays open after this request (HTTP/1.1 default, `Connection` overrides).
    public var keepAlive: Bool {
        let connection = header("Connection")?.lowercased() ?? ""
        if version == "HTTP/1.0" { return connection.contains("keep-alive") }
        return !connection.contains("close")
    }
}
