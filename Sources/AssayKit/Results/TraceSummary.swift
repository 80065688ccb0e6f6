/// What the trace policy saw over a whole run: how many responses were audited and
/// which of them, by status class, carried no trace id. Printed before the final line.
public struct TraceSummary: Sendable, Codable, Equatable {
    /// Responses the policy was applied to.
    public var responses = 0
    /// Responses without any trace header, by status class (`"2xx"`, `"5xx"`, …).
    public var missingByClass: [String: Int] = [:]
    /// Trace checks that failed (missing, malformed, not echoed, unequal, duplicate).
    public var failedChecks = 0

    /// Creates an empty summary.
    public init() {}

    /// Responses that lacked a trace id.
    public var missing: Int { missingByClass.values.reduce(0, +) }

    /// The status class of a status code, as summaries group it.
    public static func statusClass(_ status: Int) -> String {
        (100...599).contains(status) ? "\(status / 100)xx" : String(status)
    }

    /// One console line, e.g. `trace ids: 40 responses, 3 without an id (2 × 5xx, 1 × 4xx), 4 trace check(s) failed`.
    public var line: String {
        var text = "trace ids: \(responses) response(s)"
        if missing == 0 {
            text += ", every one carried an id"
        } else {
            let parts = missingByClass.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }
            text += ", \(missing) without an id (\(parts.joined(separator: ", ")))"
        }
        if failedChecks > 0 { text += ", \(failedChecks) trace check(s) failed" }
        return text
    }
}
