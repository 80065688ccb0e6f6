import Foundation

/// The cookies a case (or, when a suite says so, a whole suite) has been given, kept as RFC 6265
/// §5.3 stores them and sent back as §5.4 selects them: by domain (host-only unless `Domain`
/// widened it), by path prefix, `Secure` only over https, and until `Max-Age`/`Expires` ends
/// them. Every hop of a redirect chain stores and sends through the same jar, because Assay
/// follows redirects itself (`RedirectFollower`) rather than in libcurl's cookie engine.
///
/// Not kept: a public-suffix list (a `Domain` of a bare suffix is refused only when it is not a
/// parent of the host), and `SameSite` (there is no site of origin: every request is the user's).
public final class CookieJar: @unchecked Sendable {
    // @unchecked: `cookies` is read and written only under `lock`; a suite-wide jar is used by one
    // case at a time, but cases of one jar may run on different threads in turn.
    struct Stored: Sendable, Equatable {
        var name: String
        var value: String
        /// Lower-cased, without a leading dot.
        var domain: String
        /// Sent only to `domain` itself, not its subdomains (no `Domain` attribute).
        var hostOnly: Bool
        var path: String
        var secure: Bool
        var expires: Date?
        var created: Date
    }

    private let lock = NSLock()
    private var cookies: [Stored] = []
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Stores the cookies of a response's `Set-Cookie` fields, received for `url`.
    public func store(_ headers: HTTPHeaders, from url: String) {
        let fields = headers.values("Set-Cookie")
        guard !fields.isEmpty, let target = Target(url) else { return }
        let received = now()
        lock.withLock {
            for field in fields {
                guard let cookie = SetCookie(header: field) else { continue }
                store(cookie, target: target, at: received)
            }
        }
    }

    /// `request` with the jar's cookies for its URL added to its `Cookie` header (after any the
    /// suite wrote itself), or unchanged when none apply.
    public func attach(to request: HTTPRequest) -> HTTPRequest {
        guard let header = cookieHeader(for: request.url) else { return request }
        var request = request
        if let written = request.headers.first("Cookie"), !written.isEmpty {
            request.headers.set(name: "Cookie", value: written + "; " + header)
        } else {
            request.headers.set(name: "Cookie", value: header)
        }
        return request
    }

    /// The `Cookie` header value for a request to `url` (§5.4): longer paths first, then older.
    public func cookieHeader(for url: String) -> String? {
        // Most cases are never given a cookie: they skip reading the URL.
        guard !lock.withLock({ cookies.isEmpty }), let target = Target(url) else { return nil }
        let moment = now()
        let chosen: [Stored] = lock.withLock {
            cookies.removeAll { $0.expires.map { $0 <= moment } ?? false }
            return cookies.filter { cookie in
                (cookie.hostOnly ? target.host == cookie.domain : Self.domainMatches(target.host, cookie.domain))
                    && Self.pathMatches(target.path, cookie.path) && (!cookie.secure || target.secure)
            }
        }
        guard !chosen.isEmpty else { return nil }
        // Stable, so cookies of one age keep the order they were set in.
        let ordered = chosen.enumerated().sorted {
            let (a, b) = ($0.element, $1.element)
            if a.path.count != b.path.count { return a.path.count > b.path.count }
            return a.created != b.created ? a.created < b.created : $0.offset < $1.offset
        }.map(\.element)
        return ordered.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    /// The names and values the jar holds now, for messages and tests.
    public var contents: [(name: String, value: String, domain: String, path: String)] {
        lock.withLock { cookies.map { ($0.name, $0.value, $0.domain, $0.path) } }
    }

    /// §5.3, steps 3–11, for one cookie (called under `lock`).
    private func store(_ cookie: SetCookie, target: Target, at received: Date) {
        var domain = target.host
        var hostOnly = true
        if let written = cookie.domain {
            var attribute = written.lowercased()
            if attribute.hasPrefix(".") { attribute.removeFirst() }
            // A cookie for a domain the host is not in is refused (§5.3 step 6).
            guard !attribute.isEmpty, Self.domainMatches(target.host, attribute) else { return }
            domain = attribute
            hostOnly = attribute == target.host
        }
        let path = cookie.path.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? Self.defaultPath(target.path)
        var expires: Date?
        if let maxAge = cookie.maxAge {
            expires = received.addingTimeInterval(TimeInterval(max(maxAge, 0)))
            if maxAge <= 0 { expires = .distantPast }
        } else if let written = cookie.expires, let date = Self.cookieDate(written) {
            expires = date
        }
        let existing = cookies.firstIndex { $0.name == cookie.name && $0.domain == domain && $0.path == path }
        let stored = Stored(
            name: cookie.name, value: cookie.value, domain: domain, hostOnly: hostOnly, path: path,
            secure: cookie.secure, expires: expires, created: existing.map { cookies[$0].created } ?? received)
        // A cookie that has already expired deletes the one it replaces (how servers log out).
        if let expires, expires <= received {
            if let existing { cookies.remove(at: existing) }
        } else if let existing {
            cookies[existing] = stored
        } else {
            cookies.append(stored)
        }
    }

    /// §5.1.3: the host is the domain, or a name under it (never for an IP address).
    static func domainMatches(_ host: String, _ domain: String) -> Bool {
        if host == domain { return true }
        let isAddress = host.contains(":") || host.split(separator: ".").allSatisfy { Int($0) != nil }
        return !isAddress && host.hasSuffix("." + domain)
    }

    /// §5.1.4: the cookie's path is the request path, or a directory prefix of it.
    static func pathMatches(_ requestPath: String, _ cookiePath: String) -> Bool {
        if requestPath == cookiePath { return true }
        guard requestPath.hasPrefix(cookiePath) else { return false }
        return cookiePath.hasSuffix("/") || requestPath.dropFirst(cookiePath.count).hasPrefix("/")
    }

    /// §5.1.4: the request path up to its last `/` (exclusive), or `/`.
    static func defaultPath(_ requestPath: String) -> String {
        guard requestPath.hasPrefix("/"), let last = requestPath.lastIndex(of: "/"), last != requestPath.startIndex
        else { return "/" }
        return String(requestPath[..<last])
    }

    /// An `Expires` date in the forms servers send (IMF-fixdate, RFC 850, asctime, and the
    /// dashed `Wed, 21-Oct-2026` form); nil when unreadable, which §5.2.1 says to ignore.
    static func cookieDate(_ text: String) -> Date? {
        let formats = [
            "EEE, dd MMM yyyy HH:mm:ss zzz", "EEE, dd-MMM-yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz",
            "EEE MMM d HH:mm:ss yyyy",
        ]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text.trimmingCharacters(in: .whitespaces)) { return date }
        }
        return nil
    }

    /// What of a URL the rules look at.
    private struct Target {
        var host: String
        var path: String
        var secure: Bool

        init?(_ url: String) {
            guard let components = URLComponents(string: url), let host = components.host?.lowercased(),
                !host.isEmpty
            else { return nil }
            self.host = host
            self.path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            self.secure = components.scheme?.lowercased() == "https"
        }
    }
}

extension CookieJar: Hashable {
    /// Two jars are the same only when they are one jar: options holding a jar compare by it.
    public static func == (lhs: CookieJar, rhs: CookieJar) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

extension CookieJar: Codable {
    /// A jar is the state of one run; options written out carry none of its cookies.
    public convenience init(from decoder: any Decoder) throws { self.init() }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}
