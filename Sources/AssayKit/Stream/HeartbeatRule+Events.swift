extension HeartbeatRule {
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
