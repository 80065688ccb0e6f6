extension HeartbeatRule {
    /// Whether `data` could match a `dataMatching` pattern, so that deciding needs it decoded: a
    /// match holds every key and string of its pattern, and without a backslash (an escape could
    /// spell them otherwise) each appears in the raw text as written. A search of the text costs far
    /// less than decoding it, and most events of a long stream are not heartbeats.
    public func dataMayMatch(_ data: String) -> Bool {
        guard !dataMatching.isEmpty else { return false }
        if data.utf8.contains(UInt8(ascii: "\\")) { return true }
        return dataMatching.contains { pattern in Self.strings(in: pattern).allSatisfy { data.contains($0) } }
    }

    /// Every key and string value in a pattern, depth first.
    private static func strings(in pattern: JSONValue) -> [String] {
        switch pattern {
        case .string(let text): [text]
        case .array(let items): items.flatMap(strings(in:))
        case .object(let object): object.flatMap { [$0.key] + strings(in: $0.value) }
        case .null, .bool, .number: []
        }
    }

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
