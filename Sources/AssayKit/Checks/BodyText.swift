import Foundation

/// A response body as text, for `bodyText`, text goldens and the `body` and `regex` queries and
/// captures: decoded by its byte order mark or its declared `charset` (UTF-16, UTF-32, ISO-8859-1),
/// as `BodyJSON` decodes JSON, so `café` sent in Latin-1 reads `café`. Anything else is read as
/// UTF-8, an invalid byte becoming U+FFFD; a charset Assay does not decode fails nothing here (the
/// text checks then judge what UTF-8 makes of it).
enum BodyText {
    static func decode(_ response: HTTPResponse) -> String {
        let body = response.body
        // Only what the body says of itself: the zero-byte pattern of RFC 4627 is for JSON alone.
        guard
            let encoding = try? BodyJSON.encoding(of: body, contentType: response.headers.first("Content-Type")),
            encoding.bomLength > 0 || (encoding.kind != .utf8 && encoding.source.hasPrefix("charset="))
        else { return String(decoding: body, as: UTF8.self) }
        let payload = Data(body.dropFirst(encoding.bomLength))
        if encoding.kind == .utf8 { return String(decoding: payload, as: UTF8.self) }
        return String(data: payload, encoding: encoding.kind.foundation) ?? String(decoding: body, as: UTF8.self)
    }
}
