import Foundation

/// A request to send, exactly as the suite resolved it.
public struct HTTPRequest: Sendable, Hashable, Codable {
    /// The method token, e.g. `GET`; sent verbatim.
    public var method: String
    /// The absolute URL, e.g. `http://127.0.0.1:8080/v1/models`.
    public var url: String
    /// Headers to send, in order; an empty value is sent as an empty header, not dropped.
    public var headers: HTTPHeaders
    /// The body bytes, or nil for no body.
    public var body: Data?

    /// Creates a request.
    public init(method: String = "GET", url: String, headers: HTTPHeaders = HTTPHeaders(), body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
