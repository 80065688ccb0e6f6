/// Expected JSON for the data of the events a selector picks.
public struct StreamEventCheck: Sendable {
    /// Which events are checked.
    public var selector: EventSelector
    /// The expected data, with `{{matchers}}` and `${variables}` (validated when decoded).
    public var data: JSONNode
    /// Exact or subset comparison (subset by default: events carry many incidental members).
    public var compare: CompareMode
    /// Where the entry was written.
    public var location: SourceLocation

    /// Creates an event check.
    public init(selector: EventSelector, data: JSONNode, compare: CompareMode = .subset, location: SourceLocation) {
        self.selector = selector
        self.data = data
        self.compare = compare
        self.location = location
    }
}
