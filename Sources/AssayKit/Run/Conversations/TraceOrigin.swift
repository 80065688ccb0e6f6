/// Who sent an exchange, so a duplicate trace id can name the case that first got it,
/// and so a replay may repeat the id of the answer it replays.
public struct TraceOrigin: Sendable, Hashable {
    /// The suite's name.
    public var suite: String
    /// The case's name.
    public var caseName: String
    /// Which of a case's several requests this is (replay and rate-limit checks), e.g. "request 2".
    public var request: String?
    /// The idempotency key the request carried: replays of one key may return the original's id.
    public var replayKey: String?

    /// Creates an origin for one case.
    public init(suite: String, caseName: String, request: String? = nil, replayKey: String? = nil) {
        self.suite = suite
        self.caseName = caseName
        self.request = request
        self.replayKey = replayKey
    }

    /// `suite/case`, plus the request when the case sends several: `models/list models (request 2)`.
    public var label: String {
        "\(suite)/\(caseName)" + (request.map { " (\($0))" } ?? "")
    }
}
