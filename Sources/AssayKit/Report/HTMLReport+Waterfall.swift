import Foundation

extension HTMLReport {
    /// One row per phase of the exchange (redirect hops first), each bar placed on the chain's
    /// own time axis, with its duration printed; `data-start`/`data-end` (µs) let a test check the order.
    static func waterfall(_ exchange: ExchangeRecord) -> String {
        let waterfall = ExchangeWaterfall(exchange)
        let total = max(waterfall.total, 1)
        var html =
            "<div class=\"wf\" title=\"timing waterfall\(exchange.connectionReused ? " (connection reused)" : "")\">\n"
        for segment in waterfall.segments {
            let left = percent(segment.start, of: total)
            let width = percent(segment.duration, of: total)
            html += "<span class=\"phase\">\(e(segment.label))</span><span class=\"track\">"
            html += "<span class=\"bar \(segment.kind)\" data-start=\"\(segment.start)\" data-end=\"\(segment.end)\" "
            html += "style=\"left:\(left)%;width:\(width)%\"></span></span>"
            html += "<span class=\"meta num\">\(e(ReportDuration.microseconds(segment.duration)))</span>\n"
        }
        html +=
            "<span class=\"phase\">total</span><span class=\"track\"><span class=\"bar total\" style=\"left:0%;width:100%\"></span></span>"
        html += "<span class=\"meta num\">\(e(ReportDuration.microseconds(waterfall.total)))</span>\n"
        return html + "</div>\n"
    }

    /// The stream's events on a time line, heartbeats marked apart, with the clocks' extremes.
    static func streamTimeline(_ stream: StreamRecord) -> String {
        let span = max(stream.events.map(\.offsetMs).max() ?? 0, 1)
        let heartbeats = stream.events.filter(\.heartbeat).count
        var html =
            "<div class=\"stream\">\n<p class=\"meta\">SSE timeline: \(stream.events.count - heartbeats) event(s), "
        html += "\(heartbeats) heartbeat(s) (short red marks)"
        if let omitted = stream.eventsOmitted { html += " · \(omitted) more item(s) in the middle not kept" }
        if let first = stream.timeToFirstEventMs { html += " · first event \(e(MarkdownReport.milliseconds(first)))" }
        if let gap = stream.maxEventGapMs { html += " · max event gap \(e(MarkdownReport.milliseconds(gap)))" }
        if let gap = stream.maxHeartbeatGapMs { html += " · max heartbeat gap \(e(MarkdownReport.milliseconds(gap)))" }
        html += " · terminator \(stream.terminatorSeen ? "seen" : "missing")</p>\n<div class=\"track\">"
        // Past a few thousand marks the strip is solid anyway; the cap keeps the file small.
        for event in stream.events.prefix(2000) {
            let left = String(format: "%.2f", min(100, event.offsetMs / span * 100))
            let label =
                "\(event.heartbeat ? "heartbeat" : event.type) at \(MarkdownReport.milliseconds(event.offsetMs))"
            html +=
                "<span class=\"ev\(event.heartbeat ? " hb" : "")\" style=\"left:\(left)%\" title=\"\(e(label))\"></span>"
        }
        return html + "</div>\n</div>\n"
    }

    static func percent(_ part: Int64, of whole: Int64) -> String {
        String(format: "%.2f", min(100, max(0, Double(part) / Double(whole) * 100)))
    }
}
