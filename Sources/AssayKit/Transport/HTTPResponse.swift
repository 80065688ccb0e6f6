import Foundation

/// The final response of an exchange: interim (1xx) and followed-redirect heads are dropped.
public struct HTTPResponse: Sendable, Hashable, Codable {
    /// The status code, e.g. 200.
    public var status: Int
    /// The reason phrase verbatim; empty when the server sent none (`HTTP/1.1 529 `) and always for HTTP/2.
    public var reason: String
    /// The protocol version from the status line: `"1.0"`, `"1.1"`, `"2"`.
    public var httpVersion: String
    /// The final response's header fields in wire order.
    public var headers: HTTPHeaders
    /// Trailer fields that followed a chunked body, if any.
    public var trailers: HTTPHeaders
    /// The body bytes as received (no content decoding), possibly cut at the body cap or by a failure.
    public var body: Data

    /// Creates a response.
    public init(
        status: Int, reason: String = "", httpVersion: String = "1.1", headers: HTTPHeaders = HTTPHeaders(),
        trailers: HTTPHeaders = HTTPHeaders(), body: Data = Data()
    ) {
        self.status = status
        self.reason = reason
        self.httpVersion = httpVersion
        self.headers = headers
        self.trailers = trailers
        self.body = body
    }
}
