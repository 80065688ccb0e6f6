import Foundation

/// Assembles response heads from the header lines libcurl delivers one at a time.
///
/// libcurl calls its header callback once per line for every response of a transfer: 1xx
/// interim heads, followed redirects, the final head, and trailers after a chunked body.
/// This keeps only the final head (and trailers), which is what contract checks judge.
struct HTTPHeadParser: Sendable {
    /// A parsed status line plus its header fields.
    struct Head: Sendable, Hashable {
        var status: Int
        var reason: String
        var httpVersion: String
        var headers: HTTPHeaders
    }

    /// Whether a 3xx with a `Location` will be followed, so it is not the final head.
    var followsRedirects: Bool
    /// The final head, once its blank line arrived.
    private(set) var finalHead: Head?
    /// Trailer fields after the final head.
    private(set) var trailers = HTTPHeaders()
    /// Whether any line arrived (the peer answered at all).
    private(set) var sawAnyLine = false
    private var current: Head?

    init(followsRedirects: Bool) {
        self.followsRedirects = followsRedirects
    }

    /// Consumes one line (with or without its CRLF); returns the final head when this line completed it.
    mutating func consume(line rawLine: String) -> Head? {
        sawAnyLine = true
        var line = Substring(rawLine)
        // "\r\n" is one Character in Swift, so test for any newline rather than "\r" or "\n".
        while let last = line.last, last.isNewline { line.removeLast() }

        if let head = Self.statusLine(line) {
            current = head
            return nil
        }
        guard var head = current else {
            if finalHead != nil, let field = Self.field(line) { trailers.append(field) }
            return nil
        }
        if line.isEmpty {
            current = nil
            guard isFinal(head) else { return nil }
            finalHead = head
            return head
        }
        if let first = line.first, first == " " || first == "\t", let last = head.headers.fields.last {
            // Obsolete line folding: a continuation belongs to the previous field's value.
            let continued = last.value + " " + Self.trimmingOptionalWhitespace(line)
            var fields = head.headers.fields
            fields[fields.count - 1] = HTTPHeader(name: last.name, value: continued)
            head.headers = HTTPHeaders(fields)
        } else if let field = Self.field(line) {
            head.headers.append(field)
        }
        current = head
        return nil
    }

    private func isFinal(_ head: Head) -> Bool {
        if (100..<200).contains(head.status) { return false }
        let redirects = [301, 302, 303, 307, 308].contains(head.status)
        return !(followsRedirects && redirects && head.headers.contains("Location"))
    }

    /// Parses `HTTP/1.1 200 OK`, `HTTP/1.1 529 ` and `HTTP/2 200`; nil for anything else.
    static func statusLine(_ line: Substring) -> Head? {
        guard line.hasPrefix("HTTP/") else { return nil }
        let afterSlash = line.dropFirst(5)
        guard let firstSpace = afterSlash.firstIndex(of: " ") else { return nil }
        let version = String(afterSlash[..<firstSpace])
        let rest = afterSlash[afterSlash.index(after: firstSpace)...]
        let codeEnd = rest.firstIndex(of: " ") ?? rest.endIndex
        guard let status = Int(rest[..<codeEnd]), (100...999).contains(status) else { return nil }
        let reason = codeEnd < rest.endIndex ? String(rest[rest.index(after: codeEnd)...]) : ""
        return Head(status: status, reason: reason, httpVersion: version, headers: HTTPHeaders())
    }

    /// Splits `Name: value` at the first colon and trims the value; nil without a colon.
    static func field(_ line: Substring) -> HTTPHeader? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = String(line[..<colon])
        let value = trimmingOptionalWhitespace(line[line.index(after: colon)...])
        return HTTPHeader(name: name, value: value)
    }

    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace). Done by
    /// hand because Foundation's `trimmingCharacters(in:)` bridges through NSString, which showed
    /// up as ~7% of a run's CPU time in `make bench` (every header line of every response).
    static func trimmingOptionalWhitespace(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}
