/// Decodes an event's `data` as JSON; injected so the SSE module does not depend on the JSON parser's API.
public typealias StreamJSONDecoding = @Sendable (String) -> JSONValue?

/// Which stream items are keep-alives rather than answers. Heartbeats reset the heartbeat clock,
/// never the real-event clock, so a stalled stream cannot hide behind them.
public struct HeartbeatRule: Sendable {
    /// Whether every comment line (`: ping`, `: keep-alive`) is a heartbeat.
    public var comments: Bool
    /// Event types that are heartbeats, e.g. `ping`.
    public var eventTypes: Set<String>
    /// Data heartbeats: an event whose decoded data contains every top-level member of one of these
    /// objects (or equals one of these non-object values), e.g. `{"type":"heartbeat"}`.
    public var dataMatching: [JSONValue]
    /// A custom test on the raw data, for conventions the other options cannot express.
    public var dataPredicate: (@Sendable (String) -> Bool)?

    /// Creates a rule; the defaults cover the conventions seen in the wild: comments,
    /// `event: ping`, and `data: {"type":"heartbeat"}`.
    public init(
        comments: Bool = true, eventTypes: Set<String> = ["ping"],
        dataMatching: [JSONValue] = [.object(JSONObject([("type", .string("heartbeat"))]))],
        dataPredicate: (@Sendable (String) -> Bool)? = nil
    ) {
        self.comments = comments
        self.eventTypes = eventTypes
        self.dataMatching = dataMatching
        self.dataPredicate = dataPredicate
    }

    /// A rule under which nothing is a heartbeat.
    public static let none = HeartbeatRule(comments: false, eventTypes: [], dataMatching: [])
}
