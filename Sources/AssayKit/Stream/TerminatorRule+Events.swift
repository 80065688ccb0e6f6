extension TerminatorRule {
    /// Whether an event ends the stream, and how.
    public func classify(_ event: SSEEvent) -> StreamTermination? {
        if let doneData, event.data == doneData { return .success }
        if eventTypes.contains(event.type) { return .success }
        if failureEventTypes.contains(event.type) { return .failure }
        return nil
    }
}

/// Whether a terminator ended the stream well or as a failure.
public enum StreamTermination: String, Sendable, Equatable {
    /// A success terminator.
    case success
    /// A failure terminator such as `response.failed`.
    case failure
}
