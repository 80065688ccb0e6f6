import Foundation

/// How much a client may hold of the server: connections, and time to send a head or stay idle.
public struct HTTPServerLimits: Sendable {
    /// Open connections served at once; the next one gets 503 and is closed.
    public var maxConnections: Int
    /// Time to send a whole request head, counted from the connection's accept (first request)
    /// or from the request's first byte (later ones); past it, 408 and close.
    public var headTimeout: TimeInterval
    /// Time a keep-alive connection may wait between requests, or between reads of a body.
    public var idleTimeout: TimeInterval

    /// Creates limits; the defaults suit a test server on a shared machine.
    public init(maxConnections: Int = 512, headTimeout: TimeInterval = 10, idleTimeout: TimeInterval = 120) {
        self.maxConnections = maxConnections
        self.headTimeout = headTimeout
        self.idleTimeout = idleTimeout
    }
}

/// Why the server answers on its own, before (or instead of) the handler.
public enum HTTPRefusal: Sendable, Equatable {
    /// The bytes are not an acceptable request: 400 or 413.
    case parse(HTTPParseFailure)
    /// The head did not arrive within the head timeout: 408.
    case headTimeout(seconds: TimeInterval)
    /// The connection cap is reached: 503.
    case overloaded(limit: Int)
}
