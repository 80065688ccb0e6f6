/// Timing figures of a run: percentiles over the durations of the cases that ran, and
/// the slowest cases, for the health reports.
public struct TimingStats: Sendable, Equatable {
    /// One case and how long it took.
    public struct Entry: Sendable, Equatable {
        /// `suite/case`.
        public var name: String
        /// Where the case is written.
        public var location: SourceLocation
        public var durationMs: Double
    }

    /// Median case duration, in milliseconds (nearest-rank).
    public var p50: Double
    /// 95th percentile case duration, in milliseconds (nearest-rank).
    public var p95: Double
    /// The longest case duration, in milliseconds.
    public var max: Double
    /// How many cases the figures cover (skipped cases are left out: they took no time).
    public var count: Int
    /// The slowest cases, slowest first.
    public var slowest: [Entry]

    /// Computes the figures over `result`'s cases that ran, keeping `slowestCount` slowest cases.
    public init(_ result: RunResult, slowestCount: Int = 10) {
        let ran = result.cases.filter { $0.verdict != .skipped }
        let durations = ran.map(\.durationMs).sorted()
        p50 = Self.percentile(50, of: durations)
        p95 = Self.percentile(95, of: durations)
        max = durations.last ?? 0
        count = durations.count
        slowest = ran.map { Entry(name: "\($0.suite)/\($0.name)", location: $0.location, durationMs: $0.durationMs) }
            .sorted { ($0.durationMs, $1.name) > ($1.durationMs, $0.name) }
            .prefix(slowestCount).map { $0 }
    }

    /// The nearest-rank percentile of ascending `sorted` values; 0 for no values.
    public static func percentile(_ percent: Double, of sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}
