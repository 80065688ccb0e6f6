/// Serializes response heads, bodies and chunks to wire bytes; pure.
public enum HTTPResponseWriter {
    /// The status line and headers, ending with the blank line.
    public static func head(status: Int, headers: [HTTPField]) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reason(status))\r\n"
        for field in headers { text += "\(field.name): \(field.value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// A full response with Content-Length and the connection disposition.
    public static func serialize(_ response: HTTPResponse, keepAlive: Bool) -> [UInt8] {
        var headers = response.headers
        headers.append(HTTPField("Content-Length", String(response.body.count)))
        headers.append(HTTPField("Connection", keepAlive ? "keep-alive" : "close"))
        return head(status: response.status, headers: headers) + response.body
    }

    /// One chunk of a chunked body; empty input yields nothing (an empty chunk would end the body).
    public static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        return Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [0x0D, 0x0A]
    }

    /// The zero-size chunk that ends a chunked body.
    public static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    /// The standard reason phrase for a status.
    public static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
