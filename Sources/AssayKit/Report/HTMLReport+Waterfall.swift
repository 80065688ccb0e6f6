import Foundation

extension HTMLReport {
    /// Bars for DNS, connect, TLS, time to first byte and total, on one scale per exchange
    /// (libcurl's cumulative timings, in microseconds, turned into intervals).
    static func waterfall(_ timings: TransferTimings, reused: Bool) -> String {
        let total = max(timings.total, timings.firstByte, 1)
        let sent = max(timings.preTransfer, timings.tls, timings.connect)
        let phases: [(name: String, css: String, start: Int64, end: Int64)] = [
            ("DNS", "dns", 0, timings.dns),
            ("connect", "connect", timings.dns, max(timings.connect, timings.dns)),
            ("TLS", "tls", timings.connect, timings.tls > 0 ? max(timings.tls, timings.connect) : timings.connect),
            ("first byte", "wait", sent, max(timings.firstByte, sent)),
            ("total", "total", 0, timings.total),
        ]
        var html = "<div class=\"wf\" title=\"timing waterfall\(reused ? " (connection reused)" : "")\">\n"
        for phase in phases {
            let left = percent(phase.start, of: total)
            let width = percent(max(0, phase.end - phase.start), of: total)
            html += "<span>\(phase.name)</span><span class=\"track\"><span class=\"bar \(phase.css)\" "
            html += "style=\"left:\(left)%;width:\(width)%\"></span></span>"
            html +=
                "<span class=\"meta\">\(e(MarkdownReport.milliseconds(Double(phase.end - phase.start) / 1000)))</span>\n"
        }
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
