import Foundation
import Testing

@testable import AssayKit

/// The HTML trend: pass rate and duration per run as charts with labelled axes and printed
/// values, and the changed cases linking to their cases.
@Suite struct ReportTrendChartTests {
    static func entry(_ index: Int, passed: Int, failed: Int, durationMs: Double, _ cases: [String: Verdict])
        -> HistoryEntry
    {
        HistoryEntry(
            time: ReportFixtures.start.addingTimeInterval(Double(index - 10) * 60), revision: "rev1", passed: passed,
            failed: failed, errors: 0, skipped: 0, durationMs: durationMs, cases: cases)
    }

    @Test func chartsPrintEveryValueAndLinkChangedCases() throws {
        let result = ReportFixtures.run()
        let earlier = [
            Self.entry(0, passed: 24, failed: 0, durationMs: 1_250, ["chat/rejects bad key, 100%: yes": .passed]),
            Self.entry(1, passed: 23, failed: 1, durationMs: 980, ["chat/rejects bad key, 100%: yes": .passed]),
        ]
        let html = HTMLReport.render(result, context: ReportContext(history: earlier, revision: "rev1"))
        let (parsed, error) = Markup.parses(html)
        #expect(parsed, "\(error)")
        // Rates 100, 95.8 and the fixture's 3 of 5 = 60; durations 1.25 s, 0.98 s, 0.42 s.
        for value in [">100.0<", ">95.8<", ">60.0<", ">1.25<", ">0.98<", ">0.42<"] {
            #expect(html.contains("class=\"value\"") && html.contains(value), "value \(value) not printed")
        }
        #expect(html.contains(">pass rate (%)<") && html.contains(">duration (s)<"))
        #expect(html.contains(">run (oldest first)<"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        let anchor = HTMLReport.anchor(result.cases[1])
        #expect(
            html.contains(
                "<li class=\"newly-failing\"><strong>Newly failing:</strong> <a href=\"#\(anchor)\">chat/rejects bad key, 100%: yes</a></li>"
            ))
        #expect(html.contains("id=\"\(anchor)\""))
    }

    /// 100 % and 95.8 % are far apart on the chart: the scale starts near the lowest rate.
    @Test func nearRatesStandApart() throws {
        let svg = HTMLReport.lineChart(
            title: "pass rate (%)", values: [100, 95.8], low: 90, high: 100, css: "rate",
            label: { String(format: "%.1f", $0) })
        let ys = svg.matches(of: /<circle class="point[^"]*" cx="[^"]+" cy="([^"]+)"/).map { Double($0.output.1)! }
        #expect(ys.count == 2)
        #expect(ys[1] - ys[0] > 30, "42 % of the plot height, not 2 px")
    }
}
