/// Why a byte sequence is not an acceptable HTTP/1.1 request.
public enum HTTPParseFailure: Error, Sendable, Equatable {
    /// The request line, a header or the chunk framing is malformed.
    case malformed(String)
    /// The body (declared or decoded) exceeds the configured limit: answered with 413.
    case bodyTooLarge(limit: Int)
    /// The head (request line plus headers) exceeds the configured limit: answered with 413.
    case headTooLarge(limit: Int)
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

    /// Creates a parser with the given limits.
    public init(maxBodyBytes: Int = 1 << 20, maxHeadBytes: Int = 64 << 10) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeadBytes = maxHeadBytes
    }

    /// Parses the first request in `bytes`.
    public func parse(_ bytes: [UInt8]) -> HTTPParseOutcome {
        guard let headEnd = Self.findHeadEnd(bytes) else {
            if bytes.count > maxHeadBytes { return .failure(.headTooLarge(limit: maxHeadBytes)) }
            return .incomplete(expectsContinue: false)
        }
        if headEnd.lineEnd > maxHeadBytes { return .failure(.headTooLarge(limit: maxHeadBytes)) }
        let head: Head
        switch Self.parseHead(bytes[0..<headEnd.lineEnd]) {
        case .success(let parsed): head = parsed
        case .failure(let failure): return .failure(failure)
        }
        let bodyStart = headEnd.bodyStart
        var request = HTTPRequest(
            method: head.method, path: head.path, query: head.query, version: head.version, headers: head.headers)
        let expects = request.header("Expect")?.lowercased() == "100-continue"
        if let encoding = request.header("Transfer-Encoding") {
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
        if let declared = request.header("Content-Length") {
            guard let value = Int(declared), value >= 0 else {
                return .failure(.malformed("invalid Content-Length '\(declared)'"))
            }
            length = value
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

    /// Finds the blank line ending the head; lines may end in CRLF or a bare LF.
    private static func findHeadEnd(_ bytes: [UInt8]) -> (lineEnd: Int, bodyStart: Int)? {
        var index = 0
        var lineStart = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                let lineLength = index - lineStart
                if lineLength == 0 || (lineLength == 1 && bytes[lineStart] == 0x0D) {
                    return lineStart == 0 ? nil : (lineStart, index + 1)
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
            guard let (line, next) = Self.readLine(bytes, from: cursor) else { return .needMore }
            let sizeText = line.split(separator: ";", maxSplits: 1).first.map { $0.trimmed } ?? ""
            guard !sizeText.isEmpty, sizeText.count <= 16, let size = Int(sizeText, radix: 16), size >= 0 else {
                return .failed(.malformed("bad chunk size '\(line)'"))
            }
            cursor = next
            if size == 0 { break }
            if body.count + size > maxBodyBytes { return .failed(.bodyTooLarge(limit: maxBodyBytes)) }
            guard bytes.count - cursor >= size else { return .needMore }
            body.append(contentsOf: bytes[cursor..<(cursor + size)])
            cursor += size
            guard let (rest, afterData) = Self.readLine(bytes, from: cursor) else { return .needMore }
            guard rest.isEmpty else { return .failed(.malformed("chunk data longer than its size")) }
            cursor = afterData
        }
        // Trailers: skip header lines until the blank line.
        while true {
            guard let (line, next) = Self.readLine(bytes, from: cursor) else { return .needMore }
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
