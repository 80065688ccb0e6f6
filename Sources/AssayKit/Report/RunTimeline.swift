import Foundation

/// The run on one time axis: a row per case (in report order) placed at its start and drawn for
/// its duration, the lane it ran in (cases that overlap in time ran in different lanes), whether
/// it ran alone, and whether it is on the critical path. Streamed exchanges' events are placed
/// on the same axis.
///
/// The critical path is the chain of cases the run's length hangs on: it ends with the case that
/// finished last, and each case on it is preceded by the case that finished last before it
/// started (the one whose slot it took, or, for an exclusive case, the last it waited for).
struct RunTimeline {
    struct Row {
        var testCase: CaseResult
        /// Microseconds from the run's start.
        var start: Int64
        var end: Int64
        /// From 0; the lowest lane free when the case started.
        var lane: Int
        var exclusive: Bool
        var critical: Bool
        /// Streamed events on the shared axis: (microseconds from the run's start, heartbeat).
        var events: [(at: Int64, heartbeat: Bool)]
        /// The largest gap between real events, on the shared axis, with the suite's ceiling.
        var widestGap: (start: Int64, end: Int64, ceilingMs: Double?)?
    }

    var rows: [Row]
    /// The axis' length: the run's duration, or the last case's end when that is later.
    var span: Int64
    var lanes: Int { (rows.map(\.lane).max() ?? -1) + 1 }

    /// Slack when linking a case to the one it waited for: the scheduler's own hand-over time.
    static let handOver: Int64 = 500

    init(_ result: RunResult) {
        let origin = result.startedAt
        var rows: [Row] = []
        for suite in result.suites {
            for testCase in suite.cases {
                let start = max(0, Int64((testCase.startedAt.timeIntervalSince(origin) * 1_000_000).rounded()))
                let end = start + max(0, Int64((testCase.durationMs * 1000).rounded()))
                rows.append(
                    Row(
                        testCase: testCase, start: start, end: end, lane: 0, exclusive: testCase.exclusive == true,
                        critical: false, events: [], widestGap: nil))
                rows[rows.count - 1].events = Self.events(of: testCase, origin: origin)
                rows[rows.count - 1].widestGap = Self.widestGap(of: testCase, origin: origin)
            }
        }
        Self.assignLanes(&rows)
        Self.markCriticalPath(&rows)
        self.rows = rows
        span = max(Int64((result.durationMs * 1000).rounded()), rows.map(\.end).max() ?? 0, 1)
    }

    /// Greedy interval colouring in start order: a case takes the lowest lane whose last case ended.
    static func assignLanes(_ rows: inout [Row]) {
        var laneEnds: [Int64] = []
        for index in rows.indices.sorted(by: { (rows[$0].start, $0) < (rows[$1].start, $1) }) {
            if let free = laneEnds.firstIndex(where: { $0 <= rows[index].start }) {
                rows[index].lane = free
                laneEnds[free] = rows[index].end
            } else {
                rows[index].lane = laneEnds.count
                laneEnds.append(rows[index].end)
            }
        }
    }

    static func markCriticalPath(_ rows: inout [Row]) {
        let ran = rows.indices.filter { rows[$0].end > rows[$0].start }
        guard var current = ran.max(by: { (rows[$0].end, -$0) < (rows[$1].end, -$1) }) else { return }
        while true {
            rows[current].critical = true
            let start = rows[current].start
            let before = ran.filter { !rows[$0].critical && rows[$0].end <= start + handOver && rows[$0].start < start }
            guard let previous = before.max(by: { (rows[$0].end, -$0) < (rows[$1].end, -$1) }) else { return }
            current = previous
        }
    }

    static func events(of testCase: CaseResult, origin: Date) -> [(at: Int64, heartbeat: Bool)] {
        var events: [(at: Int64, heartbeat: Bool)] = []
        for step in testCase.steps {
            for exchange in step.exchanges {
                guard let stream = exchange.stream else { continue }
                let base = exchange.startedAt.timeIntervalSince(origin) * 1_000_000
                // Past a few thousand marks the strip is solid anyway; the cap keeps the file small.
                for event in stream.events.prefix(2000) {
                    events.append((Int64((base + event.offsetMs * 1000).rounded()), event.heartbeat))
                }
            }
        }
        return events
    }

    static func widestGap(of testCase: CaseResult, origin: Date) -> (start: Int64, end: Int64, ceilingMs: Double?)? {
        var widest: (start: Int64, end: Int64, ceilingMs: Double?)?
        for step in testCase.steps {
            for exchange in step.exchanges {
                guard let stream = exchange.stream else { continue }
                let base = exchange.startedAt.timeIntervalSince(origin) * 1_000_000
                let real = stream.events.filter { !$0.heartbeat }.map { Int64((base + $0.offsetMs * 1000).rounded()) }
                for (from, to) in zip(real, real.dropFirst()) where to - from > (widest.map { $0.end - $0.start } ?? -1)
                {
                    widest = (from, to, stream.maxEventGapCeilingMs)
                }
            }
        }
        return widest
    }
}
