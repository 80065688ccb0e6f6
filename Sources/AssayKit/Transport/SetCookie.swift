/// One `Set-Cookie` response header read as RFC 6265 §5.2 has it: the name and value, then the
/// attributes. Pure, so captures and expectations on cookies need no transport.
public struct SetCookie: Sendable, Hashable {
    public var name: String
    public var value: String
    public var domain: String?
    public var path: String?
    /// `Expires` as written (an HTTP date); not parsed, only compared or shown.
    public var expires: String?
    /// `Max-Age` in seconds; nil when absent or not a number (§5.2.2 ignores such a value).
    public var maxAge: Int?
    public var secure = false
    public var httpOnly = false
    /// `SameSite` as written (`Strict`, `Lax`, `None`, …).
    public var sameSite: String?

    /// The cookie in one header value; nil when it has no `=` in its first part, which §5.2
    /// says to ignore. Unknown attributes are skipped, as user agents do.
    public init?(header: String) {
        var parts = header.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        guard let pair = parts.next(), let equals = pair.firstIndex(of: "=") else { return nil }
        name = pair[..<equals].trimmingSpaces
        value = pair[pair.index(after: equals)...].trimmingSpaces
        guard !name.isEmpty else { return nil }
        while let attribute = parts.next() {
            let key: String
            let argument: String
            if let equals = attribute.firstIndex(of: "=") {
                key = attribute[..<equals].trimmingSpaces.lowercased()
                argument = attribute[attribute.index(after: equals)...].trimmingSpaces
            } else {
                key = attribute.trimmingSpaces.lowercased()
                argument = ""
            }
            switch key {
            case "domain": domain = argument.isEmpty ? nil : argument
            case "path": path = argument.isEmpty ? nil : argument
            case "expires": expires = argument
            case "max-age": maxAge = Int(argument)
            case "secure": secure = true
            case "httponly": httpOnly = true
            case "samesite": sameSite = argument
            default: continue
            }
        }
    }

    /// Every cookie the `Set-Cookie` fields of a response set, in order; malformed ones skipped.
    public static func all(in headers: HTTPHeaders) -> [SetCookie] {
        headers.values("Set-Cookie").compactMap { SetCookie(header: $0) }
    }

    /// The value of the cookie `name` sets: the last field that sets it wins, as a browser's jar
    /// would keep it.
    public static func value(of name: String, in headers: HTTPHeaders) -> String? {
        all(in: headers).last { $0.name == name }?.value
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (the whitespace of header values).
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
