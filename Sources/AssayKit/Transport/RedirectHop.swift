/// One redirect of an exchange, as reports show it: where it pointed, and what did not follow it.
public struct RedirectHop: Sendable, Hashable, Codable {
    /// The redirect's status, e.g. 302.
    public var status: Int
    /// The URL that answered with the redirect.
    public var from: String
    /// Where it pointed (absolute).
    public var to: String
    /// Whether the next request was sent.
    public var followed: Bool
    /// Request headers left behind because the redirect leads to another origin.
    public var droppedHeaders: [String]
    /// Why the redirect was not followed, or what changed (`POST became GET`), if anything.
    public var note: String?
    /// libcurl's timings of the request that got this redirect, for followed hops (the final
    /// exchange's own timings cover only the last request); the waterfall draws each hop.
    public var timings: TransferTimings?

    /// Creates a hop.
    public init(
        status: Int, from: String, to: String, followed: Bool, droppedHeaders: [String] = [], note: String? = nil,
        timings: TransferTimings? = nil
    ) {
        self.status = status
        self.from = from
        self.to = to
        self.followed = followed
        self.droppedHeaders = droppedHeaders
        self.note = note
        self.timings = timings
    }
}
