/// One exchange's time, cut into the phases a reader can act on, on one axis from the start of
/// the chain: each followed redirect as its own segment, then DNS, connect, TLS, pre-transfer,
/// wait (time to first byte) and download of the final request.
///
/// libcurl's `*_TIME_T` values are cumulative from the start of their transfer, not durations,
/// and not always ordered: a 0 means "did not happen" (no TLS, a reused connection) and a
/// pre-transfer later than the first byte has been seen (a gzip body). So the points are made
/// monotonic before they are subtracted; a first byte is never drawn after the end.
struct ExchangeWaterfall: Equatable {
    /// One drawn interval, in microseconds from the chain's start.
    struct Segment: Equatable {
        /// What the interval is: `DNS`, `connect`, …, or `302 → URL` for a redirect.
        var label: String
        /// The CSS class, one per kind of phase.
        var kind: String
        var start: Int64
        var end: Int64
        var duration: Int64 { end - start }
    }

    /// The segments in time order; they touch end to start.
    var segments: [Segment]
    /// Where the last segment ends.
    var total: Int64 { segments.last?.end ?? 0 }

    init(_ exchange: ExchangeRecord) {
        var segments: [Segment] = []
        var offset: Int64 = 0
        for hop in exchange.redirects ?? [] where hop.followed {
            let spent = max(0, hop.timings?.total ?? 0)
            segments.append(
                Segment(label: "\(hop.status) → \(hop.to)", kind: "redirect", start: offset, end: offset + spent))
            offset += spent
        }
        let points = Self.points(exchange.timings)
        let names = [
            ("DNS", "dns"), ("connect", "connect"), ("TLS", "tls"), ("pre-transfer", "pretransfer"),
            ("wait", "wait"), ("download", "download"),
        ]
        var previous: Int64 = 0
        for (index, (label, kind)) in names.enumerated() {
            segments.append(Segment(label: label, kind: kind, start: offset + previous, end: offset + points[index]))
            previous = points[index]
        }
        self.segments = segments
    }

    /// The six cumulative points (DNS, connect, TLS, pre-transfer, first byte, total), made
    /// monotonic: a missing phase ends where the one before it ended, a missing first byte is the
    /// total; no point
    /// is later than the one after it (the later one is the better measured), nor earlier than the
    /// one before.
    static func points(_ timings: TransferTimings) -> [Int64] {
        let total = max(0, timings.total)
        // A 0 after the first point is a phase that did not happen (a reused connection has no
        // connect, plain HTTP no TLS): it ends where the phase before it ended.
        var points = [max(0, timings.dns)]
        for value in [timings.connect, timings.tls, timings.preTransfer] {
            points.append(value > 0 ? value : points[points.count - 1])
        }
        points += [timings.firstByte > 0 ? timings.firstByte : total, total]
        for index in stride(from: points.count - 2, through: 0, by: -1) {
            points[index] = min(points[index], points[index + 1])
        }
        for index in points.indices.dropFirst() { points[index] = max(points[index], points[index - 1]) }
        return points
    }
}
