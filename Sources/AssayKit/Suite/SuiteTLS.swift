/// `defaults.tls` of a suite: the client certificate (and key) for mutual TLS, and the CA bundle
/// that verifies the target, for every request of the suite. Paths are made absolute against the
/// suite file's folder when decoded; `--cert`, `--key` and `--cacert` beat them.
public struct SuiteTLS: Sendable {
    /// A PEM client certificate (may hold its key too).
    public var certPath: String?
    /// The PEM private key of `certPath`.
    public var keyPath: String?
    /// A PEM bundle of CA certificates to trust instead of the system store.
    public var caCertPath: String?
    public var location: SourceLocation

    /// Every path named, with what it is, for the planner's check that each can be read.
    public var files: [(what: String, path: String)] {
        [("cert", certPath), ("key", keyPath), ("cacert", caCertPath)].compactMap { what, path in
            path.map { (what, $0) }
        }
    }
}
