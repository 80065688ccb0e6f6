import Foundation

/// Request counters by route and status, rendered in Prometheus text format.
public final class Metrics: @unchecked Sendable {
    // @unchecked: `counts` is guarded by `lock`.
    private let lock = NSLock()
    private var counts: [String: [Int: Int]] = [:]

    /// Creates empty counters.
    public init() {}

    /// Counts one answered request.
    public func record(route: String, status: Int) {
        lock.withLock { counts[route, default: [:]][status, default: 0] += 1 }
    }

    /// The exposition text, sorted so it is stable.
    public func render(uptimeSeconds: Double) -> String {
        let snapshot = lock.withLock { counts }
        var text = "# HELP assay_target_up Whether the server is up.\n# TYPE assay_target_up gauge\nassay_target_up 1\n"
        text += "# HELP assay_target_uptime_seconds Seconds since start.\n# TYPE assay_target_uptime_seconds gauge\n"
        text += "assay_target_uptime_seconds \(String(format: "%.3f", uptimeSeconds))\n"
        text += "# HELP assay_target_requests_total Requests answered, by route and status.\n"
        text += "# TYPE assay_target_requests_total counter\n"
        for route in snapshot.keys.sorted() {
            for (status, count) in (snapshot[route] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let label = route.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                    of: "\"", with: "\\\"")
                text += "assay_target_requests_total{route=\"\(label)\",status=\"\(status)\"} \(count)\n"
            }
        }
        return text
    }
}
