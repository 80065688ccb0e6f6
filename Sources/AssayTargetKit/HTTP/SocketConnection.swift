import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A connected socket: blocking reads and full writes.
struct SocketConnection: Sendable {
    let fd: Int32

    /// What one blocking read brought.
    enum ReadResult {
        /// Some bytes.
        case bytes([UInt8])
        /// The peer closed, or the socket failed.
        case closed
        /// The receive timeout passed with nothing to read.
        case timedOut
    }

    /// Reads what is available, waiting at most the receive timeout.
    func receive() -> ReadResult {
        var storage = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = storage.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { return .bytes(Array(storage[0..<count])) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return .timedOut }
            return .closed
        }
    }

    /// Reads what is available; nil at end of stream, error or timeout.
    func read() -> [UInt8]? {
        if case .bytes(let bytes) = receive() { return bytes }
        return nil
    }

    /// Sets how long a read waits (at least a millisecond, since zero would mean forever).
    func setReadTimeout(_ seconds: TimeInterval) {
        let clamped = max(0.001, seconds)
        var limit = timeval(tv_sec: Int(clamped), tv_usec: Int((clamped - clamped.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Half-closes, then reads and discards what the client is still sending for up to a second.
    ///
    /// Closing with unread input makes the kernel send RST, which can destroy an error response
    /// (e.g. a 413) before the client reads it.
    func lingeringClose() {
        shutdown(fd, Int32(SHUT_WR))
        var limit = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var drained = 0
        while drained < 8 << 20, let bytes = read() { drained += bytes.count }
    }

    /// Writes every byte; false when the peer is gone.
    func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                send(fd, $0.baseAddress?.advanced(by: offset), bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += sent
        }
        return true
    }
}

/// Wraps each write in one HTTP chunk, flushed at once (TCP_NODELAY is on).
struct ChunkedSink: StreamSink {
    let connection: SocketConnection

    func write(_ bytes: [UInt8]) -> Bool {
        connection.write(HTTPResponseWriter.chunk(bytes))
    }
}
