import Foundation

extension HTMLReport {
    /// The run timeline: one row per case on the run's shared axis, each a link to its case,
    /// with its lane, "alone" for an exclusive case, and the critical path drawn heavier and named.
    /// Streamed events sit on their case's row at their own instants, with the widest gap between
    /// real events bracketed and its ceiling printed.
    static func timelineSection(_ result: RunResult) -> String {
        let timeline = RunTimeline(result)
        guard !timeline.rows.isEmpty else { return "" }
        let critical = timeline.rows.filter(\.critical)
        var html =
            "<h2>Run timeline</h2>\n<p class=\"meta\">\(timeline.rows.count) case(s) in \(timeline.lanes) lane(s)"
        html += " over \(e(ReportDuration.microseconds(timeline.span))) · critical path: \(critical.count) case(s),"
        html +=
            " \(e(ReportDuration.microseconds(critical.reduce(0) { $0 + $1.end - $1.start }))) (heavy bars, marked ◆)"
        html += " · cases that ran alone marked “alone”</p>\n<div class=\"tl\">\n"
        html += "<span class=\"tl-label meta\">case</span><span class=\"tl-axis\">"
        for quarter in 0...4 {
            let at = timeline.span * Int64(quarter) / 4
            let align = quarter == 4 ? "right:0" : "left:\(quarter * 25)%"
            html += "<span class=\"tick\" style=\"\(align)\">\(e(ReportDuration.microseconds(at)))</span>"
        }
        html += "</span><span class=\"meta num\">lane · time</span>\n"
        for row in timeline.rows {
            let (mark, css) = verdictMark(row.testCase.verdict)
            var classes = "tl-row"
            if row.critical { classes += " critical" }
            if row.exclusive { classes += " exclusive" }
            html += "<a class=\"\(classes)\" href=\"#\(e(anchor(row.testCase)))\" data-start=\"\(row.start)\""
            html += " data-end=\"\(row.end)\" data-lane=\"\(row.lane)\">"
            html += "<span class=\"tl-label\"><span class=\"\(css)\">\(mark)</span>\(row.critical ? " ◆" : "")"
            html += " \(e(row.testCase.suite)) / \(e(row.testCase.name))</span><span class=\"track\">"
            html += "<span class=\"tl-bar \(css)bg\" style=\"left:\(percent(row.start, of: timeline.span))%;"
            html += "width:\(percent(row.end - row.start, of: timeline.span))%\"></span>"
            html += streamMarks(row, span: timeline.span)
            html += "</span><span class=\"meta num\">\(row.exclusive ? "alone" : "lane \(row.lane + 1)") · "
            html += "\(e(ReportDuration.microseconds(row.end - row.start)))</span></a>\n"
        }
        return html + "</div>\n"
    }

    /// A streamed case's events on the shared axis, heartbeats short and red, and its widest gap.
    static func streamMarks(_ row: RunTimeline.Row, span: Int64) -> String {
        var html = ""
        if let gap = row.widestGap {
            let ceiling = gap.ceilingMs.map { ", ceiling \(ReportDuration.milliseconds($0))" } ?? ""
            let label = "widest gap between events \(ReportDuration.microseconds(gap.end - gap.start))\(ceiling)"
            let over = gap.ceilingMs.map { Double(gap.end - gap.start) > $0 * 1000 } ?? false
            html += "<span class=\"gap\(over ? " over" : "")\" title=\"\(e(label))\" style=\"left:"
            html += "\(percent(gap.start, of: span))%;width:\(percent(gap.end - gap.start, of: span))%\"></span>"
            if let ceilingMs = gap.ceilingMs {
                let ceilingEnd = gap.start + Int64(ceilingMs * 1000)
                html +=
                    "<span class=\"ceiling\" title=\"\(e("gap ceiling \(ReportDuration.milliseconds(ceilingMs))"))\""
                html += " style=\"left:\(percent(ceilingEnd, of: span))%\"></span>"
            }
        }
        for event in row.events {
            html +=
                "<span class=\"ev\(event.heartbeat ? " hb" : "")\" style=\"left:\(percent(event.at, of: span))%\"></span>"
        }
        return html
    }
}
