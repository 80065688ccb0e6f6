import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

/// A tiny blocking HTTP/1.1 client over a raw loopback socket: exact bytes out, timestamps in.
final class RawHTTPClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port` with a receive timeout so a broken server fails the test instead of hanging it.
    init(port: Int, timeout: Int = 15) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw ClientError(description: "connect to 127.0.0.1:\(port) failed")
        }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends raw bytes.
    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress?.advanced(by: offset), bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Sends a request built from parts, with Content-Length when there is a body.
    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil,
        token: String? = nil
    ) throws -> RawResponse {
        send(Self.encode(method, path, headers: headers, body: body, token: token))
        return try readResponse(method: method)
    }

    static func encode(
        _ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil, token: String? = nil
    ) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if let token { text += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        if let body {
            if headers["Content-Type"] == nil { text += "Content-Type: application/json\r\n" }
            text += "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            text += "\r\n"
        }
        return Array(text.utf8)
    }

    /// Reads one response; nil body framing means read to EOF.
    func readResponse(method: String = "GET") throws -> RawResponse {
        var headEnd: Int?
        while headEnd == nil {
            if let index = Self.find([13, 10, 13, 10], in: buffer) { headEnd = index } else { try fill() }
        }
        guard let end = headEnd else { throw ClientError(description: "no head") }
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw ClientError(description: "bad status line \(lines[0])")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(
                (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = RawResponse(status: status, headers: headers, body: [], pieces: [])
        if status == 100 { return try readResponse(method: method) }
        if method == "HEAD" { return response }
        if let length = response.header("Content-Length").flatMap(Int.init) {
            while buffer.count < length { try fill() }
            response.body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            while true {
                var found = Self.find([13, 10], in: buffer)
                while found == nil {
                    try fill()
                    found = Self.find([13, 10], in: buffer)
                }
                guard let lineEnd = found else { throw ClientError(description: "no chunk size line") }
                let sizeLine = String(decoding: buffer[0..<lineEnd], as: UTF8.self)
                guard let size = Int(sizeLine, radix: 16) else {
                    throw ClientError(description: "bad chunk size \(sizeLine)")
                }
                buffer.removeFirst(lineEnd + 2)
                while buffer.count < size + 2 { try fill() }
                if size == 0 {
                    buffer.removeFirst(2)
                    break
                }
                let piece = Array(buffer[0..<size])
                response.pieces.append((lastFill, piece))
                response.body += piece
                buffer.removeFirst(size + 2)
            }
        } else {
            while (try? fill()) != nil {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    /// Waits until a whole response head has arrived, without consuming it: a readiness signal that
    /// the server has started answering (for a stream, that its route is running).
    func waitForHead() throws {
        while Self.find([13, 10, 13, 10], in: buffer) == nil { try fill() }
    }

    /// Reads to EOF and reports whether the server closed the connection.
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }

    private var lastFill: Double = 0

    private func fill() throws {
        var storage = [UInt8](repeating: 0, count: 65_536)
        let count = storage.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw ClientError(description: count == 0 ? "connection closed" : "recv timed out") }
        lastFill = Clock.now()
        buffer += storage[0..<count]
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}
