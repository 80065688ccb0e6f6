import Foundation

extension HTMLReport {
    /// The trend: two small inline SVG charts (pass rate, duration) over the runs of the history,
    /// with labelled axes and every value printed at its point, then the newly failing, newly
    /// passing and flaky cases, each a link to its case when this run has it.
    static func trendSection(_ trend: TrendAnalysis, result: RunResult) -> String {
        guard trend.runs.count > 1 else { return "" }
        var html = "<h2>Trend over the last \(trend.runs.count) runs</h2>\n<div class=\"charts\">\n"
        let rates = trend.runs.map { $0.passRate * 100 }
        // The scale starts at the nearest ten below the lowest rate, so 100 % and 95.8 % stand apart.
        let floor = max(0, ((rates.min() ?? 0) - 5) / 10).rounded(.down) * 10
        html += lineChart(
            title: "pass rate (%)", values: rates, low: floor, high: 100, css: "rate",
            label: { String(format: "%.1f", $0) })
        let durations = trend.runs.map { $0.durationMs / 1000 }
        html += lineChart(
            title: "duration (s)", values: durations, low: 0, high: max(durations.max() ?? 0, 0.001) * 1.4,
            css: "duration", label: { String(format: "%.2f", $0) })
        html += "</div>\n"
        var anchors: [String: String] = [:]
        for testCase in result.cases { anchors[HistoryEntry.key(testCase)] = anchor(testCase) }
        html += "<ul class=\"changes\">\n"
        for (title, css, names) in [
            ("Newly failing", "newly-failing", trend.newlyFailing),
            ("Newly passing", "newly-passing", trend.newlyPassing),
            ("Flaky", "flaky", trend.flaky),
        ] {
            let links = names.map { name in
                anchors[name].map { "<a href=\"#\(e($0))\">\(e(name))</a>" } ?? e(name)
            }
            html +=
                "<li class=\"\(css)\"><strong>\(title):</strong> \(links.isEmpty ? "none" : links.joined(separator: ", "))</li>\n"
        }
        return html + "</ul>\n"
    }

    /// A line chart with a y axis from `low` to `high` (ticks at its ends and middle), runs 1…N on
    /// the x axis, and each value printed above its point.
    static func lineChart(
        title: String, values: [Double], low: Double, high: Double, css: String, label: (Double) -> String
    ) -> String {
        let width = 420.0
        let height = 170.0
        let left = 48.0
        let right = 36.0
        let top = 36.0
        let bottom = 30.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let range = max(high - low, 0.000_001)
        func x(_ index: Int) -> Double {
            values.count < 2 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(values.count - 1)
        }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (min(max(value, low), high) - low) / range) }
        func f(_ number: Double) -> String { String(format: "%.1f", number) }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart \(css)\" viewBox=\"0 0 \(Int(width)) \(Int(height))\""
        svg += " width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(e(title)) per run\">\n"
        svg += "<text class=\"axis-title\" x=\"\(f(left))\" y=\"12\">\(e(title))</text>\n"
        for tick in [low, (low + high) / 2, high] {
            svg +=
                "<line class=\"grid\" x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\"/>"
            svg +=
                "<text class=\"tick\" x=\"\(f(left - 4))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(e(label(tick)))</text>\n"
        }
        svg +=
            "<line class=\"axis\" x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(height - bottom))\"/>"
        svg +=
            "<line class=\"axis\" x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(height - bottom))\" y2=\"\(f(height - bottom))\"/>\n"
        let points = values.indices.map { "\(f(x($0))),\(f(y(values[$0])))" }.joined(separator: " ")
        svg += "<polyline class=\"line\" points=\"\(points)\"/>\n"
        for (index, value) in values.enumerated() {
            let last = index == values.count - 1
            svg +=
                "<circle class=\"point\(last ? " current" : "")\" cx=\"\(f(x(index)))\" cy=\"\(f(y(value)))\" r=\"3\"/>"
            svg +=
                "<text class=\"value\" x=\"\(f(x(index)))\" y=\"\(f(y(value) - 6))\" text-anchor=\"middle\">\(e(label(value)))</text>"
            svg +=
                "<text class=\"tick\" x=\"\(f(x(index)))\" y=\"\(f(height - bottom + 14))\" text-anchor=\"middle\">\(last ? "now" : "\(index + 1)")</text>\n"
        }
        svg +=
            "<text class=\"axis-title\" x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 2))\" text-anchor=\"middle\">run (oldest first)</text>\n"
        return svg + "</svg>\n"
    }
}
