import Foundation

/// Durations as the graphical reports print them: microseconds below a millisecond (on loopback
/// every phase is under one, and "0.0 ms" says nothing), milliseconds below ten seconds, seconds above.
enum ReportDuration {
    /// `734 µs`, `12.3 ms`, `14.20 s`.
    static func microseconds(_ value: Int64) -> String {
        if value < 1000 { return "\(max(0, value)) µs" }
        if value < 10_000_000 { return String(format: "%.1f ms", Double(value) / 1000) }
        return String(format: "%.2f s", Double(value) / 1_000_000)
    }

    /// The same for a duration in (fractional) milliseconds.
    static func milliseconds(_ value: Double) -> String {
        microseconds(Int64((value * 1000).rounded()))
    }
}
