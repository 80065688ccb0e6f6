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

    /// Whether an event is a heartbeat; `json` is its decoded data, when it decodes.
    public func isHeartbeat(_ event: SSEEvent, json: JSONValue?) -> Bool {
        if eventTypes.contains(event.type) { return true }
        if let dataPredicate, dataPredicate(event.data) { return true }
        guard let json else { return false }
        return dataMatching.contains { Self.contains(pattern: $0, in: json) }
    }

    private static func contains(pattern: JSONValue, in actual: JSONValue) -> Bool {
        guard case .object(let wanted) = pattern else { return pattern == actual }
        guard case .object(let object) = actual else { return false }
        return wanted.allSatisfy { object[$0.key] == $0.value }
    }
}
