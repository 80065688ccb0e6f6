import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A failure to open the listening socket.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    /// What failed, with errno text.
    public var description: String
}

/// An HTTP/1.1 server on 127.0.0.1 with keep-alive, one thread per connection up to a cap.
///
/// A class because it owns the listening socket and the set of live connections; the mutable
/// state is guarded by `lock`, hence `@unchecked Sendable`.
public final class HTTPServer: @unchecked Sendable {
    /// Answers one request.
    public typealias Handler = @Sendable (HTTPRequest) -> Reply

    /// Answers what the server refuses on its own (bad bytes, a slow head, the connection cap);
    /// the connection closes afterwards.
    public typealias FailureHandler = @Sendable (HTTPRefusal) -> HTTPResponse

    private let handler: Handler
    private let failureHandler: FailureHandler
    private let parser: HTTPRequestParser
    private let limits: HTTPServerLimits
    private let overflow = OverflowCloser()
    private let lock = NSLock()
    private var listenFD: Int32 = -1
    private var connections: Set<Int32> = []
    private var busy: Set<Int32> = []
    private var stopping = false

    /// Creates a server; call `start` to bind.
    public init(
        parser: HTTPRequestParser, limits: HTTPServerLimits = HTTPServerLimits(), handler: @escaping Handler,
        failureHandler: @escaping FailureHandler
    ) {
        self.parser = parser
        self.limits = limits
        self.handler = handler
        self.failureHandler = failureHandler
    }

    /// Binds 127.0.0.1:`port` (0 picks one), starts accepting on a background thread and returns the port.
    public func start(port: UInt16) throws(ServerError) -> UInt16 {
        signal(SIGPIPE, SIG_IGN)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError(description: "socket: \(Self.errnoText())") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 512) == 0 else {
            let text = Self.errnoText()
            close(fd)
            throw ServerError(description: "bind 127.0.0.1:\(port): \(text)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        lock.withLock { listenFD = fd }
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.stackSize = 1 << 20
        thread.start()
        return UInt16(bigEndian: actual.sin_port)
    }

    /// Stops accepting, closes idle connections and waits up to `grace` seconds for busy ones.
    public func stop(grace: TimeInterval = 5) {
        let (fd, idle) = lock.withLock { () -> (Int32, [Int32]) in
            stopping = true
            let fd = listenFD
            listenFD = -1
            return (fd, Array(connections.subtracting(busy)))
        }
        if fd >= 0 {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
        // Shutting down the read side wakes threads blocked in recv; they then close their sockets.
        for connection in idle { shutdown(connection, Int32(SHUT_RD)) }
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            let remaining: [Int32] = lock.withLock { Array(connections) }
            if remaining.isEmpty { return }
            for connection in remaining where lock.withLock({ !busy.contains(connection) }) {
                shutdown(connection, Int32(SHUT_RD))
            }
            usleep(10_000)
        }
    }

    private func acceptLoop(_ fd: Int32) {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            enum Admission { case serve, overflow, stop }
            let admission = lock.withLock { () -> Admission in
                if stopping { return .stop }
                // A cap keeps idle or slow clients from growing one thread each without bound.
                if connections.count >= limits.maxConnections { return .overflow }
                connections.insert(client)
                return .serve
            }
            switch admission {
            case .stop:
                close(client)
                return
            case .overflow:
                let refusal = failureHandler(.overloaded(limit: limits.maxConnections))
                overflow.reject(client, response: HTTPResponseWriter.serialize(refusal, keepAlive: false))
                continue
            case .serve: break
            }
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in serve(client) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer {
            lock.withLock {
                connections.remove(fd)
                busy.remove(fd)
            }
            close(fd)
        }
        let connection = SocketConnection(fd: fd)
        var buffer: [UInt8] = []
        var sentContinue = false
        // The first head is due from the accept; later ones from their first byte.
        var headDeadline: Date? = Date().addingTimeInterval(limits.headTimeout)
        while true {
            switch parser.parse(buffer) {
            case .incomplete(let expectsContinue):
                if expectsContinue && !sentContinue {
                    sentContinue = true
                    _ = connection.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                }
                if parser.hasCompleteHead(buffer) {
                    headDeadline = nil
                } else if headDeadline == nil && !buffer.isEmpty {
                    headDeadline = Date().addingTimeInterval(limits.headTimeout)
                }
                connection.setReadTimeout(headDeadline.map { $0.timeIntervalSinceNow } ?? limits.idleTimeout)
                switch connection.receive() {
                case .bytes(let bytes): buffer += bytes
                case .closed: return
                case .timedOut:
                    // A silent idle connection just closes; a head cut short learns why.
                    guard headDeadline != nil, !buffer.isEmpty else { return }
                    let refusal = failureHandler(.headTimeout(seconds: limits.headTimeout))
                    _ = connection.write(HTTPResponseWriter.serialize(refusal, keepAlive: false))
                    connection.lingeringClose()
                    return
                }
            case .failure(let failure):
                _ = connection.write(HTTPResponseWriter.serialize(failureHandler(.parse(failure)), keepAlive: false))
                connection.lingeringClose()
                return
            case .complete(let request, let consumed):
                buffer.removeFirst(consumed)
                sentContinue = false
                headDeadline = nil
                let proceed = lock.withLock { () -> Bool in
                    if stopping { return false }
                    busy.insert(fd)
                    return true
                }
                guard proceed else { return }
                let wantsKeepAlive = request.keepAlive
                let keepAlive = respond(handler(request), on: connection, keepAlive: wantsKeepAlive) && wantsKeepAlive
                let stillRunning = lock.withLock { () -> Bool in
                    busy.remove(fd)
                    return !stopping
                }
                guard keepAlive, stillRunning else { return }
            }
        }
    }

    /// Writes a reply; returns false when the connection can no longer be used.
    private func respond(_ reply: Reply, on connection: SocketConnection, keepAlive: Bool) -> Bool {
        switch reply {
        case .full(let response):
            return connection.write(HTTPResponseWriter.serialize(response, keepAlive: keepAlive))
        case .stream(let stream):
            var headers = stream.headers
            headers.append(HTTPField("Transfer-Encoding", "chunked"))
            headers.append(HTTPField("Connection", keepAlive ? "keep-alive" : "close"))
            guard connection.write(HTTPResponseWriter.head(status: stream.status, headers: headers)) else {
                return false
            }
            let sink = ChunkedSink(connection: connection)
            stream.produce(sink)
            return connection.write(HTTPResponseWriter.lastChunk)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
