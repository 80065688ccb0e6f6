import Foundation

/// Encodes the bodies a suite writes as data (`form`, `multipart`, `file`) and `basicAuth` into
/// bytes and headers, so nobody base64-encodes or lays out a multipart body by hand.
struct RequestBodyEncoder {
    let scope: VariableScope
    let location: SourceLocation

    /// `application/x-www-form-urlencoded`: every byte but the unreserved ones percent-encoded.
    func form(_ fields: [(name: String, value: String)]) throws(Diagnostic) -> Data {
        var parts: [String] = []
        for field in fields {
            let value = try scope.resolve(field.value, at: location)
            parts.append(RequestBuilder.percentEncode(field.name) + "=" + RequestBuilder.percentEncode(value))
        }
        return Data(parts.joined(separator: "&").utf8)
    }

    /// `multipart/form-data` (RFC 7578) with a fresh boundary; returns the body and its content type.
    func multipart(_ parts: [MultipartPart]) throws(Diagnostic) -> (body: Data, contentType: String) {
        let boundary = "assay-" + RandomUUID.next()
        var body = Data()
        for part in parts {
            var disposition = "form-data; name=\"\(Self.quoted(part.name))\""
            let bytes: Data
            var contentType = try part.contentType.map { text throws(Diagnostic) in
                try scope.resolve(text, at: location)
            }
            switch part.content {
            case .text(let template):
                bytes = Data(try scope.resolve(template, at: location).utf8)
                if let filename = part.filename { disposition += "; filename=\"\(Self.quoted(filename))\"" }
            case .file(let path):
                bytes = try Self.read(path, at: location)
                let filename = part.filename ?? (path as NSString).lastPathComponent
                disposition += "; filename=\"\(Self.quoted(filename))\""
                contentType = contentType ?? "application/octet-stream"
            }
            body.append(Data("--\(boundary)\r\nContent-Disposition: \(disposition)\r\n".utf8))
            if let contentType { body.append(Data("Content-Type: \(contentType)\r\n".utf8)) }
            body.append(Data("\r\n".utf8))
            body.append(bytes)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    /// `Authorization: Basic …` (RFC 7617). The credentials are secret wherever they came from, so
    /// the pair and its base64 go to the run's redactor before the header exists.
    func basicAuthorization(_ auth: BasicAuthTemplate) throws(Diagnostic) -> String {
        let user = try scope.resolve(auth.user, at: location)
        let password = try scope.resolve(auth.password, at: location)
        let pair = user + ":" + password
        let encoded = Data(pair.utf8).base64EncodedString()
        if !password.isEmpty { scope.secretSink?.add(password, source: "`basicAuth.password`") }
        scope.secretSink?.add(pair, source: "`basicAuth`")
        scope.secretSink?.add(encoded, source: "`basicAuth`")
        return "Basic " + encoded
    }

    /// A body file's bytes; a file that cannot be read fails the step with the C library's reason.
    static func read(_ path: String, at location: SourceLocation) throws(Diagnostic) -> Data {
        do {
            return Data(try FileBytes.contents(of: path))
        } catch {
            throw Diagnostic("cannot read body file \(path): \(error.reason)", at: location)
        }
    }

    /// A name or file name inside a quoted header parameter: quotes and line breaks escaped as
    /// browsers do (RFC 7578 §4.2), so a name cannot end the header early.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }
}
