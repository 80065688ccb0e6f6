import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A scripted raw-TCP server on 127.0.0.1 for tests that need exact wire bytes.
///
/// Each accepted connection runs a script of steps (read a request, write bytes, sleep, close),
/// so a test can craft responses no well-behaved server would send: an empty reason phrase,
/// duplicate headers, a body that never ends, a connection cut mid-body. Every request read is
/// recorded so tests can assert what the client sent. Listens on port 0 (a free port).
public final class LoopbackServer: Sendable {
    /// One action of a connection's script.
    public enum Step: Sendable {
        /// Reads one request head and its `Content-Length` body, and records it; ends the
        /// script if the peer closes first.
        case readRequest
        /// Reads until at least this many more bytes arrived (e.g. a TLS hello or an h2 preface).
        case readBytes(Int)
        /// Writes these bytes.
        case write(Data)
        /// Waits this many milliseconds.
        case sleep(milliseconds: Int)
        /// Writes `chunk` every `intervalMilliseconds`, `count` times, or until the peer goes away when nil.
        case repeatWrite(Data, intervalMilliseconds: Int, count: Int?)
        /// Closes the connection (the script also closes it when it ends).
        case close
        /// Serves requests in a loop on this connection: each is recorded, then answered with the
        /// handler's bytes, until the peer closes or the handler returns nil. The handler may be
        /// called from several connection threads at once, so stateful servers must lock.
        case serve(@Sendable (RecordedRequest) -> Data?)

        /// Writes this text as UTF-8; `\n` is NOT translated, so write `\r\n` where HTTP needs it.
        public static func write(_ text: String) -> Step { .write(Data(text.utf8)) }
    }

    /// A request the server read off the wire.
    public struct RecordedRequest: Sendable {
        /// Which accepted connection it came on, from 0.
        public var connection: Int
        /// The method token, e.g. `POST`.
        public var method: String
        /// The request target, e.g. `/v1/models?x=1`.
        public var target: String
        /// Header fields as `(name, value)` in wire order, duplicates kept.
        public var headers: [(name: String, value: String)]
        /// The body read by `Content-Length`.
        public var body: Data
        /// The head exactly as received, through the blank line.
        public var rawHead: String

        /// The first value of a header, compared case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// Why the server could not start.
    public struct StartError: Error, CustomStringConvertible {
        /// What failed, with errno's text.
        public var description: String
    }

    /// The port the server listens on.
    public let port: UInt16
    /// The shared state; threads hold it, not the server, so dropping the server stops them.
    private let core: ServerCore

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts a server whose n-th connection runs `scripts[n]`; later connections rerun the last script.
    public init(scripts: [[Step]]) throws {
        precondition(!scripts.isEmpty, "a LoopbackServer needs at least one script")
        let (listener, port) = try Self.listen()
        self.port = port
        self.core = ServerCore(listener: listener, scripts: scripts)
        let core = self.core
        Thread { core.acceptLoop() }.start()
    }

    /// Starts a server where every connection runs the same script.
    public convenience init(script: [Step]) throws {
        try self.init(scripts: [script])
    }

    deinit { core.stop() }

    /// Every request read so far, in the order they were read.
    public var requests: [RecordedRequest] {
        core.lock.withLock { core.recorded }
    }

    /// How many connections were accepted so far.
    public var connectionCount: Int {
        core.lock.withLock { core.accepted }
    }

    /// Every byte read on one connection so far (including what `readBytes` consumed).
    public func receivedBytes(connection: Int) -> Data {
        core.lock.withLock { core.received[connection] ?? Data() }
    }

    /// Stops accepting and shuts every open connection; safe to call more than once.
    public func stop() {
        core.stop()
    }

    /// A port on 127.0.0.1 that nobody listens on (bound, then released), for refused connections.
    public static func unusedPort() throws -> UInt16 {
        let (socket, port) = try listen()
        Glibc.close(socket)
        return port
    }

    /// A complete HTTP/1.1 response with a `Content-Length`, for scripts.
    public static func response(
        status: Int = 200, reason: String = "OK", headers: [(String, String)] = [], body: String = ""
    ) -> Data {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\n\r\n"
        return Data((head + body).utf8)
    }

    /// One chunk of a chunked body: hex size, CRLF, the bytes, CRLF.
    public static func chunk(_ text: String) -> Data {
        Data((String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n").utf8)
    }

    // MARK: - Sockets

    private static func listen() throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError(description: "socket: \(errnoText())") }
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(fd, 64) == 0 else {
            let text = errnoText()
            Glibc.close(fd)
            throw StartError(description: "bind/listen on 127.0.0.1: \(text)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// The state shared by the server, its accept thread and its connection threads.
private final class ServerCore: @unchecked Sendable {
    // @unchecked Sendable: connection threads and the test thread share the recordings and the
    // open sockets; every access to that mutable state goes through `lock`.
    let lock = NSLock()
    let listener: Int32
    let scripts: [[LoopbackServer.Step]]
    var recorded: [LoopbackServer.RecordedRequest] = []
    var received: [Int: Data] = [:]
    var accepted = 0
    var openSockets: Set<Int32> = []
    var stopped = false

    init(listener: Int32, scripts: [[LoopbackServer.Step]]) {
        self.listener = listener
        self.scripts = scripts
    }

    func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            // shutdown wakes the threads blocked in accept/recv; each thread closes its own socket.
            _ = Glibc.shutdown(listener, Int32(SHUT_RDWR))
            for socket in openSockets { _ = Glibc.shutdown(socket, Int32(SHUT_RDWR)) }
        }
    }

    func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                break
            }
            let index: Int? = lock.withLock {
                guard !stopped else { return nil }
                defer { accepted += 1 }
                openSockets.insert(client)
                return accepted
            }
            guard let index else {
                Glibc.close(client)
                break
            }
            let script = scripts[min(index, scripts.count - 1)]
            let thread = Thread { [self] in
                var connection = Connection(socket: client, index: index, server: self)
                connection.run(script)
                lock.withLock { _ = openSockets.remove(client) }
                Glibc.close(client)
            }
            thread.start()
        }
        Glibc.close(listener)
    }

    func record(_ request: LoopbackServer.RecordedRequest) {
        lock.withLock { recorded.append(request) }
    }

    func noteReceived(_ bytes: Data, connection: Int) {
        lock.withLock { received[connection, default: Data()].append(bytes) }
    }
}

/// One accepted connection running its script.
private struct Connection {
    let socket: Int32
    let index: Int
    let server: ServerCore
    /// Bytes read but not yet consumed by a step (the start of a next request).
    private var pending = Data()

    init(socket: Int32, index: Int, server: ServerCore) {
        self.socket = socket
        self.index = index
        self.server = server
    }

    mutating func run(_ script: [LoopbackServer.Step]) {
        for step in script {
            switch step {
            case .readRequest:
                guard let request = readRequest() else { return }
                server.record(request)
            case .readBytes(let count):
                while pending.count < count {
                    guard receiveMore() else { return }
                }
                pending.removeAll()
            case .write(let bytes):
                guard send(bytes) else { return }
            case .sleep(let milliseconds):
                usleep(useconds_t(max(milliseconds, 0) * 1000))
            case .repeatWrite(let chunk, let interval, let count):
                var sent = 0
                while count.map({ sent < $0 }) ?? true {
                    guard send(chunk) else { return }
                    sent += 1
                    usleep(useconds_t(max(interval, 0) * 1000))
                }
            case .close:
                return
            case .serve(let handler):
                while let request = readRequest() {
                    server.record(request)
                    guard let reply = handler(request), send(reply) else { return }
                }
            }
        }
    }

    /// Reads more bytes into `pending`; false when the peer closed or the socket failed.
    private mutating func receiveMore() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        let bytes = Data(buffer[0..<count])
        pending.append(bytes)
        server.noteReceived(bytes, connection: index)
        return true
    }

    /// Writes all bytes; false when the peer is gone. MSG_NOSIGNAL keeps SIGPIPE away from the test process.
    private func send(_ bytes: Data) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.send(socket, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    private mutating func readRequest() -> LoopbackServer.RecordedRequest? {
        let separator = Data("\r\n\r\n".utf8)
        var headEnd = pending.range(of: separator)
        while headEnd == nil {
            guard receiveMore() else { return nil }
            headEnd = pending.range(of: separator)
        }
        guard let headEnd else { return nil }
        let rawHead = String(decoding: pending[pending.startIndex..<headEnd.upperBound], as: UTF8.self)
        pending = Data(pending[headEnd.upperBound...])

        var lines = rawHead.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let requestLine = lines.isEmpty ? [] : lines.removeFirst().split(separator: " ").map(String.init)
        let headers = lines.map { line -> (name: String, value: String) in
            guard let colon = line.firstIndex(of: ":") else { return (line, "") }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return (String(line[..<colon]), value)
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        while pending.count < length {
            guard receiveMore() else { return nil }
        }
        let body = Data(pending.prefix(length))
        pending = Data(pending.dropFirst(length))
        return LoopbackServer.RecordedRequest(
            connection: index, method: requestLine.first ?? "", target: requestLine.count > 1 ? requestLine[1] : "",
            headers: headers, body: body, rawHead: rawHead)
    }
}
