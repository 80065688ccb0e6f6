/// One way a stream differs from its expectation, stated with numbers.
public struct StreamFinding: Sendable, Equatable, CustomStringConvertible {
    /// The rule that found it; the raw value is the suite's key for it.
    public typealias Rule = StreamRule

    /// The rule that found it.
    public var rule: Rule
    /// What differs, with the measured and expected numbers.
    public var message: String
    /// The index into the timeline's items of the item concerned, if one.
    public var itemIndex: Int?
    /// When it happened, from the request start.
    public var offset: Duration?
    /// Set when the rule had nothing to observe (e.g. no pending phase to keep alive): the message
    /// says why, and the finding is neither a pass nor a break.
    public var notExercised: Bool

    /// Creates a finding.
    public init(
        _ rule: Rule, _ message: String, itemIndex: Int? = nil, offset: Duration? = nil, notExercised: Bool = false
    ) {
        self.rule = rule
        self.message = message
        self.itemIndex = itemIndex
        self.offset = offset
        self.notExercised = notExercised
    }

    /// `rule: message`.
    public var description: String { "\(rule.rawValue): \(message)" }
}

/// Formatting of durations in findings: whole milliseconds for spans, seconds for positions.
enum StreamTime {
    /// Milliseconds, fractional.
    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }

    /// e.g. `2310 ms`.
    static func ms(_ duration: Duration) -> String { "\(Int(milliseconds(duration).rounded())) ms" }

    /// e.g. `2.83 s`.
    static func seconds(_ duration: Duration) -> String {
        let hundredths = Int((milliseconds(duration) / 10).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}
