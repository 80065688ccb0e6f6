import Foundation

/// The body keys of a request (`body`, `bodyText`, `form`, `multipart`, `file`; at most one) and
/// `basicAuth`. File paths are resolved against the suite file's folder, as Hurl's `file,…;` is.
extension SuiteDecoder {
    static let bodyKeys = ["body", "bodyText", "form", "multipart", "file"]

    static func decodeBody(_ reader: NodeReader) throws(Diagnostic) -> BodyTemplate {
        let given = bodyKeys.filter { reader.has($0) }
        if given.count > 1 {
            throw Diagnostic(
                "request has both `\(given[0])` and `\(given[1])`; give one body",
                at: reader.member(given[1])?.location)
        }
        // Only the body that is there is read: most requests have none, and need no more lookups.
        guard let written = given.first, let node = reader.member(written) else { return .none }
        switch written {
        case "body": return .json(node.value)
        case "bodyText": return .text(try node.requireString("`bodyText`"))
        case "form":
            var fields: [(name: String, value: String)] = []
            for member in try reader.object("form") ?? [] {
                for value in try repeatedScalars(member.value, "form field `\(member.key)`") {
                    fields.append((member.key, value))
                }
            }
            return .form(fields)
        case "multipart": return .multipart(try decodeMultipart(node))
        default: return .file(path: try bodyFilePath(node, what: "`file`"))
        }
    }

    /// `multipart`: an object of name → a string (a text field) or {"file", "filename"?, "contentType"?}
    /// or {"value", "contentType"?}.
    private static func decodeMultipart(_ node: JSONNode) throws(Diagnostic) -> [MultipartPart] {
        guard case .object(let members) = node.kind, !members.isEmpty else {
            throw Diagnostic(
                "expected `multipart` to be a non-empty object of part names to values or files, found \(node.kindName)",
                at: node.location)
        }
        var parts: [MultipartPart] = []
        for member in members {
            switch member.value.kind {
            case .object:
                var part = try NodeReader(member.value, context: "multipart part `\(member.key)`")
                part.allow("file", "value", "filename", "contentType")
                try part.finish()
                let content: MultipartPart.Content
                switch (part.member("file"), part.member("value")) {
                case (let file?, nil): content = .file(path: try bodyFilePath(file, what: "`file` of `\(member.key)`"))
                case (nil, let value?): content = .text(try scalarText(value, "a multipart value"))
                default:
                    throw Diagnostic(
                        "multipart part `\(member.key)` needs exactly one of `file` or `value`",
                        at: member.value.location)
                }
                parts.append(
                    MultipartPart(
                        name: member.key, content: content, filename: try part.string("filename"),
                        contentType: try part.string("contentType")))
            default:
                parts.append(
                    MultipartPart(
                        name: member.key, content: .text(try scalarText(member.value, "a multipart field")),
                        filename: nil, contentType: nil))
            }
        }
        return parts
    }

    /// A string, number or boolean as the text a form sends.
    private static func scalarText(_ node: JSONNode, _ what: String, listAllowed: Bool = false) throws(Diagnostic)
        -> String
    {
        switch node.kind {
        case .string(let value): return value
        case .number(let number): return number.text
        case .bool(let flag): return String(flag)
        default:
            let expected =
                listAllowed ? "a string, number or boolean, or a list of them" : "a string, number or boolean"
            throw Diagnostic("expected \(what) to be \(expected), found \(node.kindName)", at: node.location)
        }
    }

    /// The values of a query parameter or form field: a string, number or boolean, or a list of
    /// them for a name sent once per item, in order (Hurl's repeated `tag: a` / `tag: b`).
    static func repeatedScalars(_ node: JSONNode, _ what: String) throws(Diagnostic) -> [String] {
        guard case .array(let items) = node.kind else {
            return [try scalarText(node, what, listAllowed: true)]
        }
        guard !items.isEmpty else {
            throw Diagnostic("expected \(what) to list at least one value, found []", at: node.location)
        }
        var values: [String] = []
        for item in items { values.append(try scalarText(item, "a value of \(what)")) }
        return values
    }

    /// A body file's path, made absolute against the folder of the suite that names it.
    private static func bodyFilePath(_ node: JSONNode, what: String) throws(Diagnostic) -> String {
        let written = try node.requireString(what)
        guard !written.isEmpty else {
            throw Diagnostic("expected \(what) to name a file, found \"\"", at: node.location)
        }
        if written.hasPrefix("/") { return written }
        let folder = (node.location.file as NSString).deletingLastPathComponent
        return (folder.isEmpty ? written : folder + "/" + written)
    }

    static func decodeRedirects(_ reader: NodeReader?) throws(Diagnostic) -> RedirectPolicy? {
        guard var reader else { return nil }
        reader.allow("follow", "max")
        try reader.finish()
        let most = try reader.member("max").map { node throws(Diagnostic) in
            try node.requireInteger("`redirects.max`", in: 0...1000)
        }
        let follow = try reader.bool("follow")
        if follow == nil && most == nil {
            throw Diagnostic("expected `redirects` to give `follow`, `max` or both", at: reader.location)
        }
        return RedirectPolicy(follow: follow ?? true, max: most)
    }

    /// `cookies`: a cookie name is an RFC 6265 token, so `=`, `;`, spaces and controls are refused.
    static func decodeCookies(_ members: [JSONMember]?) throws(Diagnostic) -> [(name: String, value: String)] {
        var cookies: [(name: String, value: String)] = []
        for member in members ?? [] {
            let forbidden = member.key.utf8.contains { $0 <= 0x20 || $0 >= 0x7F || "=;,\"".utf8.contains($0) }
            if member.key.isEmpty || forbidden {
                throw Diagnostic(
                    "expected a cookie name without spaces, `=`, `;`, `,` or quotes, found \"\(member.key)\"",
                    at: member.keyLocation)
            }
            cookies.append((member.key, try scalarText(member.value, "a cookie value")))
        }
        return cookies
    }

    static func decodeBasicAuth(_ reader: NodeReader?) throws(Diagnostic) -> BasicAuthTemplate? {
        guard var reader else { return nil }
        reader.allow("user", "password")
        try reader.finish()
        let user = try reader.requiredString("user")
        if user.contains(":") && !user.mayReferenceVariables {
            throw Diagnostic(
                "expected `basicAuth.user` without `:` (RFC 7617: the colon separates user and password)",
                at: reader.member("user")?.location)
        }
        return BasicAuthTemplate(user: user, password: try reader.requiredString("password"))
    }
}
