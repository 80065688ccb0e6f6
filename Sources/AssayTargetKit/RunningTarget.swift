import Foundation

/// A started server: its port, and a way to stop it.
public struct RunningTarget: Sendable {
    /// The bound port on 127.0.0.1.
    public let port: UInt16
    let http: HTTPServer

    /// Stops accepting and waits up to `grace` seconds for in-flight requests.
    public func stop(grace: TimeInterval = 5) { http.stop(grace: grace) }
}
