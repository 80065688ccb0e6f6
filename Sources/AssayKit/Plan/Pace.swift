/// `--pace 3/min`, `10/s`: at most this many requests per unit of time, spaced evenly across the
/// whole run, so a target with a small rate limit is not flooded.
public struct Pace: Sendable, Hashable, CustomStringConvertible {
    /// Requests per `unitMs`.
    public var requests: Int
    public var unitMs: Int
    public var written: String

    /// Reads `N/s`, `N/sec`, `N/min`, `N/m` or `N/h`; nil for anything else (N is 1 or more).
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0]), count >= 1, count <= 100_000 else { return nil }
        switch parts[1].lowercased() {
        case "s", "sec", "second": unitMs = 1000
        case "m", "min", "minute": unitMs = 60_000
        case "h", "hour": unitMs = 3_600_000
        default: return nil
        }
        requests = count
        written = text
    }

    /// The gap between two requests' starts.
    public var intervalMs: Double { Double(unitMs) / Double(requests) }

    public var description: String { written }
}
