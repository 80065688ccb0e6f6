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
    /// A redirect head to be followed (3xx with `Location` while following): not final, since the
    /// next hop's response will be, but the exchange's answer if the chain stops here.
    private(set) var redirectHead: Head?
    /// Trailer fields after the final head.
    private(set) var trailers = HTTPHeaders()
    /// Whether any line arrived (the peer answered at all).
    private(set) var sawAnyLine = false
    /// The head being read, until the blank line ends it.
    private var current: Head?

    init(followsRedirects: Bool) {
        self.followsRedirects = followsRedirects
    }

    /// Consumes one line (with or without its CRLF); returns the final head when this line completed it.
    mutating func consume(line: String) -> Head? {
        var line = line
        return line.withUTF8 { consume(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Consumes one line as libcurl's header callback hands it over: raw bytes, CRLF included.
    /// Parsed as bytes (no intermediate `String` per line): this runs for every header of every response.
    mutating func consume(bytes: UnsafeRawBufferPointer) -> Head? {
        sawAnyLine = true
        var end = bytes.count
        while end > 0, bytes[end - 1] == Self.cr || bytes[end - 1] == Self.lf { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[..<end])

        if let head = Self.statusLine(line) {
            current = head
            return nil
        }
        // Not `current != nil`: `Head` is Equatable, so that picks Optional's `==` and copies both
        // heads (headers and all) for every line. A pattern looks at the case alone.
        guard case .some = current else {
            if case .some = finalHead, let field = Self.field(line) { trailers.append(field) }
            return nil
        }
        if line.isEmpty, let head = current {
            current = nil
            guard isFinal(head) else {
                if head.status >= 300 { redirectHead = head }
                return nil
            }
            finalHead = head
            return head
        }
        if line[0] == Self.space || line[0] == Self.tab, current?.headers.isEmpty == false {
            // Obsolete line folding: a continuation belongs to the previous field's value.
            current?.headers.extendLastValue(with: Self.text(Self.trimmingOptionalWhitespace(line)))
        } else if let field = Self.field(line) {
            current?.headers.append(field)
        }
        return nil
    }

    private func isFinal(_ head: Head) -> Bool {
        switch head.status {
        case 100..<200: false
        case 301, 302, 303, 307, 308: !(followsRedirects && head.headers.contains("Location"))
        default: true
        }
    }

    /// Parses `HTTP/1.1 200 OK`, `HTTP/1.1 529 ` and `HTTP/2 200`; nil for anything else.
    static func statusLine(_ line: String) -> Head? {
        var line = line
        return line.withUTF8 { statusLine(UnsafeRawBufferPointer($0)) }
    }

    static func statusLine(_ line: UnsafeRawBufferPointer) -> Head? {
        // Compared byte by byte: the generic `starts(with:)` was a visible share of every header line.
        guard line.count > 5, line[0] == 0x48, line[1] == 0x54, line[2] == 0x54, line[3] == 0x50, line[4] == 0x2F
        else { return nil }
        guard let firstSpace = line[5...].firstIndex(of: space) else { return nil }
        let version = text(UnsafeRawBufferPointer(rebasing: line[5..<firstSpace]))
        let codeStart = firstSpace + 1
        let codeEnd = line[codeStart...].firstIndex(of: space) ?? line.endIndex
        let digits = line[codeStart..<codeEnd]
        guard (1...3).contains(digits.count), digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        let status = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        guard (100...999).contains(status) else { return nil }
        let reason =
            codeEnd < line.endIndex ? text(UnsafeRawBufferPointer(rebasing: line[(codeEnd + 1)...])) : ""
        // Room for a typical head's fields, so the list is not regrown field by field.
        var headers = HTTPHeaders()
        headers.reserveCapacity(16)
        return Head(status: status, reason: reason, httpVersion: version, headers: headers)
    }

    /// The field of a `Name: value` line, split at the first colon, the value trimmed; nil without a colon.
    static func field(_ line: UnsafeRawBufferPointer) -> HTTPHeader? {
        guard let colon = line.firstIndex(of: colonByte) else { return nil }
        let name = UnsafeRawBufferPointer(rebasing: line[..<colon])
        let value = trimmingOptionalWhitespace(UnsafeRawBufferPointer(rebasing: line[(colon + 1)...]))
        return HTTPHeader(name: text(name), value: text(value))
    }

    /// The bytes without leading and trailing spaces and tabs (HTTP's optional whitespace).
    static func trimmingOptionalWhitespace(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == space || bytes[start] == tab { start += 1 }
        while end > start, bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 (obs-text), so no byte is lost.
    static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        // Header bytes are nearly always ASCII, which needs no validation pass.
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let colonByte = UInt8(ascii: ":")
}
