/// The transport settings given on the command line. They beat a suite's `defaults`, which beat
/// the built-in defaults; a request's own options beat all three, as Hurl's per-request options do.
public struct CommandLineOverrides: Sendable, Hashable {
    /// `--connect-timeout`, when given.
    public var connectTimeout: Duration?
    /// `--timeout`, when given.
    public var totalTimeout: Duration?

    public init(connectTimeout: Duration? = nil, totalTimeout: Duration? = nil) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }
}
