/// Compares expected JSON with an event's data; returns mismatch messages (empty when it matches).
/// Injected so the matcher module stays the one place that knows matchers.
public typealias StreamJSONMatching = @Sendable (_ expected: JSONValue, _ actual: JSONValue) -> [String]

/// An expectation on the data of selected events.
public struct EventMatch: Sendable, Equatable {
    /// Which events to check.
    public var selector: EventSelector
    /// The expected data, as JSON (a non-JSON data line is compared as a string).
    public var expected: JSONValue

    /// Creates a match.
    public init(_ selector: EventSelector, expected: JSONValue) {
        self.selector = selector
        self.expected = expected
    }
}
