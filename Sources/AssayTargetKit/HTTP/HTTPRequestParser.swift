/// Why a byte sequence is not an acceptable HTTP/1.1 request.
public enum HTTPParseFailure: Error, Sendable, Equatable {
    /// The request line, a header or the chunk framing is malformed.
    case malformed(String)
    /// The body (declared or decoded) exceeds the configured limit: answered with 413.
    case bodyTooLarge(limit: Int)
    /// The head (request line plus headers) exceeds the configured limit: answered with 413.
    case headTooLarge(limit: Int)
    /// The trailer section after the last chunk exceeds the configured limit: answered with 413.
    case trailersTooLarge(limit: Int)
}

/// What the parser could make of the bytes received so far.
public enum HTTPParseOutcome: Sendable, Equatable {
    /// More bytes are needed; `expectsContinue` is true once a complete head asked for `100 Continue`.
    case incomplete(expectsContinue: Bool)
    /// A full request, and how many bytes of the input it used (the rest belongs to the next request).
    case complete(HTTPRequest, consumed: Int)
    /// The input can never become a valid request.
    case failure(HTTPParseFailure)
}

/// A pure HTTP/1.1 request parser: bytes in, request or failure out, no I/O.
///
/// It reparses from the start of the buffer on every call, which keeps it stateless and easy to
/// test; the size limits bound the cost.
public struct HTTPRequestParser: Sendable {
    /// The largest body accepted, after chunked decoding.
    public var maxBodyBytes: Int
    /// The largest head accepted.
    public var maxHeadBytes: Int
    /// The largest trailer section (after the zero chunk) accepted.
    public var maxTrailerBytes: Int

    /// The longest chunk-size line (size plus extensions) accepted; it has no other bound.
    static let maxChunkLineBytes = 4096

    /// Creates a parser with the given limits.
    public init(maxBodyBytes: Int = 1 << 20, maxHeadBytes: Int = 64 << 10, maxTrailerBytes: Int = 16 << 10) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeadBytes = maxHeadBytes
        self.maxTrailerBytes = maxTrailerBytes
    }

    /// Whether `bytes` hold a whole head (after any blank lines before the request line).
    public func hasCompleteHead(_ bytes: [UInt8]) -> Bool {
        Self.findHeadEnd(bytes, from: Self.skipLeadingBlankLines(bytes)) != nil
    }

    /// Parses the first request in `bytes`.
    public func parse(_ bytes: [UInt8]) -> HTTPParseOutcome {
        // RFC 9112 section 2.2: blank lines before the request line are ignored (some clients send
        // a stray CRLF after a POST body).
        let start = Self.skipLeadingBlankLines(bytes)
        guard let headEnd = Self.findHeadEnd(bytes, from: start) else {
            if bytes.count > maxHeadBytes { return .failure(.headTooLarge(limit: maxHeadBytes)) }
            return .incomplete(expectsContinue: false)
        }
        if headEnd.lineEnd > maxHeadBytes { return .failure(.headTooLarge(limit: maxHeadBytes)) }
        let head: Head
        switch Self.parseHead(bytes[start..<headEnd.lineEnd]) {
        case .success(let parsed): head = parsed
        case .failure(let failure): return .failure(failure)
        }
        let bodyStart = headEnd.bodyStart
        var request = HTTPRequest(
            method: head.method, path: head.path, query: head.query, version: head.version, headers: head.headers)
        let expects = request.header("Expect")?.lowercased() == "100-continue"
        let lengths = request.headers.filter { $0.name.lowercased() == "content-length" }.map(\.value)
        let encodings = request.headers.filter { $0.name.lowercased() == "transfer-encoding" }.map(\.value)
        if !encodings.isEmpty {
            // RFC 9112 section 6.1: both framings at once is the request-smuggling ambiguity; reject it.
            guard lengths.isEmpty else {
                return .failure(.malformed("both Transfer-Encoding and Content-Length"))
            }
            let encoding = encodings.joined(separator: ", ")
            guard encoding.lowercased().split(separator: ",").last?.trimmed == "chunked" else {
                return .failure(.malformed("unsupported Transfer-Encoding '\(encoding)'"))
            }
            switch decodeChunked(bytes, from: bodyStart) {
            case .needMore: return .incomplete(expectsContinue: expects)
            case .failed(let failure): return .failure(failure)
            case .done(let body, let end):
                request.body = body
                return .complete(request, consumed: end)
            }
        }
        var length = 0
        switch Self.contentLength(lengths) {
        case .success(let value): length = value ?? 0
        case .failure(let failure): return .failure(failure)
        }
        if length > maxBodyBytes { return .failure(.bodyTooLarge(limit: maxBodyBytes)) }
        guard bytes.count - bodyStart >= length else { return .incomplete(expectsContinue: expects) }
        request.body = Array(bytes[bodyStart..<(bodyStart + length)])
        return .complete(request, consumed: bodyStart + length)
    }

    private struct Head {
        var method: String
        var path: String
        var query: String?
        var version: String
        var headers: [HTTPField]
    }

    /// The one length that every `Content-Length` value names, nil when there is none.
    ///
    /// RFC 9110 section 8.6: the value is `1*DIGIT` (so `+5`, `-1` and `0x5` are invalid); a list or
    /// repeated field is accepted only when every member is the same number.
    static func contentLength(_ values: [String]) -> Result<Int?, HTTPParseFailure> {
        var found: Int?
        for value in values {
            for member in value.split(separator: ",", omittingEmptySubsequences: false) {
                let text = member.trimmed
                guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                    let number = Int(text)
                else { return .failure(.malformed("invalid Content-Length '\(value)'")) }
                if let found, found != number {
                    return .failure(.malformed("conflicting Content-Length values \(found) and \(number)"))
                }
                found = number
            }
        }
        return .success(found)
    }

    /// The index after any blank lines (CRLF or bare LF) at the start of `bytes`.
    private static func skipLeadingBlankLines(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                index += 1
            } else if bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A {
                index += 2
            } else {
                break
            }
        }
        return index
    }

    /// Finds the blank line ending the head that starts at `start`; lines may end in CRLF or a bare LF.
    private static func findHeadEnd(_ bytes: [UInt8], from start: Int) -> (lineEnd: Int, bodyStart: Int)? {
        var index = start
        var lineStart = start
        while index < bytes.count {
            if bytes[index] == 0x0A {
                let lineLength = index - lineStart
                if lineLength == 0 || (lineLength == 1 && bytes[lineStart] == 0x0D) {
                    return lineStart == start ? nil : (lineStart, index + 1)
                }
                lineStart = index + 1
            }
            index += 1
        }
        return nil
    }

    private static func parseHead(_ slice: ArraySlice<UInt8>) -> Result<Head, HTTPParseFailure> {
        let text = String(decoding: slice, as: UTF8.self)
        // Swift treats CRLF as one Character, so split on both spellings of a line end.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { return .failure(.malformed("empty request")) }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[1].hasPrefix("/") || parts[1] == "*",
            parts[2].hasPrefix("HTTP/1.")
        else { return .failure(.malformed("bad request line '\(requestLine)'")) }
        let target = String(parts[1])
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var headers: [HTTPField] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                return .failure(.malformed("bad header line '\(line)'"))
            }
            let name = line[line.startIndex..<colon]
            guard !name.contains(" "), !name.contains("\t") else {
                return .failure(.malformed("bad header name '\(name)'"))
            }
            headers.append(HTTPField(String(name), line[line.index(after: colon)...].trimmed))
        }
        return .success(
            Head(
                method: String(parts[0]), path: String(pathAndQuery[0]),
                query: pathAndQuery.count > 1 ? String(pathAndQuery[1]) : nil,
                version: String(parts[2]), headers: headers))
    }

    private enum ChunkedOutcome {
        case needMore
        case failed(HTTPParseFailure)
        case done([UInt8], end: Int)
    }

    /// Decodes `size CRLF data CRLF` chunks, then a zero chunk and optional trailers.
    private func decodeChunked(_ bytes: [UInt8], from start: Int) -> ChunkedOutcome {
        var body: [UInt8] = []
        var cursor = start
        while true {
            guard let (line, next) = Self.readLine(bytes, from: cursor) else {
                if bytes.count - cursor > Self.maxChunkLineBytes {
                    return .failed(.malformed("chunk-size line too long"))
                }
                return .needMore
            }
            let sizeText = line.split(separator: ";", maxSplits: 1).first.map { $0.trimmed } ?? ""
            // HEXDIG only (no sign), and few enough digits that adding it to the body size cannot overflow.
            guard !sizeText.isEmpty, sizeText.utf8.count <= 15, sizeText.utf8.allSatisfy(\.isHexDigit),
                let size = Int(sizeText, radix: 16)
            else {
                return .failed(.malformed("bad chunk size '\(line)'"))
            }
            cursor = next
            if size == 0 { break }
            if body.count + size > maxBodyBytes { return .failed(.bodyTooLarge(limit: maxBodyBytes)) }
            guard bytes.count - cursor >= size else { return .needMore }
            body.append(contentsOf: bytes[cursor..<(cursor + size)])
            cursor += size
            // The data must be followed at once by its line end; anything else is a framing error.
            if cursor < bytes.count && bytes[cursor] == 0x0A {
                cursor += 1
            } else if cursor + 1 < bytes.count && bytes[cursor] == 0x0D && bytes[cursor + 1] == 0x0A {
                cursor += 2
            } else if cursor == bytes.count || (cursor + 1 == bytes.count && bytes[cursor] == 0x0D) {
                return .needMore
            } else {
                return .failed(.malformed("chunk data longer than its size"))
            }
        }
        // Trailers: skip header lines until the blank line, within their own size limit.
        let trailerStart = cursor
        while true {
            guard let (line, next) = Self.readLine(bytes, from: cursor) else {
                if bytes.count - trailerStart > maxTrailerBytes {
                    return .failed(.trailersTooLarge(limit: maxTrailerBytes))
                }
                return .needMore
            }
            if next - trailerStart > maxTrailerBytes { return .failed(.trailersTooLarge(limit: maxTrailerBytes)) }
            cursor = next
            if line.isEmpty { return .done(body, end: cursor) }
        }
    }

    /// Reads one line ending in LF (an optional CR before it is dropped); nil when incomplete.
    private static func readLine(_ bytes: [UInt8], from start: Int) -> (String, Int)? {
        guard start <= bytes.count, let newline = bytes[start...].firstIndex(of: 0x0A) else { return nil }
        var end = newline
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return (String(decoding: bytes[start..<end], as: UTF8.self), newline + 1)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmed: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

extension UInt8 {
    /// Whether the byte is an ASCII hex digit.
    var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
