/// A complete response: status, headers and body, serialized with Content-Length.
public struct HTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields in the order they are written.
    public var headers: [HTTPField]
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [HTTPField] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response with the deterministic serialization of `json`.
    public static func json(_ status: Int, _ json: OrderedJSON) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [HTTPField("Content-Type", "application/json")],
            body: Array(json.serialized().utf8))
    }

    /// A plain-text response.
    public static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8")
        -> HTTPResponse
    {
        HTTPResponse(status: status, headers: [HTTPField("Content-Type", contentType)], body: Array(text.utf8))
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// Sets a header, replacing every existing field of that name.
    public mutating func setHeader(_ name: String, _ value: String) {
        removeHeader(name)
        headers.append(HTTPField(name, value))
    }

    /// Removes every field of that name.
    public mutating func removeHeader(_ name: String) {
        let lower = name.lowercased()
        headers.removeAll { $0.name.lowercased() == lower }
    }
}
