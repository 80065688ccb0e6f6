/// What a handler answers: a complete response, or a stream whose body is produced over time.
public enum Reply: Sendable {
    /// A complete response, written with Content-Length.
    case full(HTTPResponse)
    /// A streamed response, written with chunked transfer encoding.
    case stream(StreamReply)
}

/// A streamed response: the head now, then `produce` writes the body through a `StreamSink`.
public struct StreamReply: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields (framing headers are added by the connection).
    public var headers: [HTTPField]
    /// Writes the body; runs on the connection's thread.
    public var produce: @Sendable (StreamSink) -> Void

    /// Creates a stream reply.
    public init(status: Int, headers: [HTTPField], produce: @escaping @Sendable (StreamSink) -> Void) {
        self.status = status
        self.headers = headers
        self.produce = produce
    }
}

/// Where a stream writes its body; every `write` is flushed to the socket at once.
public protocol StreamSink: Sendable {
    /// Writes and flushes bytes; returns false once the client is gone.
    @discardableResult func write(_ bytes: [UInt8]) -> Bool
}
