import Foundation
import Testing

@testable import AssayKit

/// JUnit, SVG, HTML and TAP output checked with real parsers and validators.
@Suite struct ReportMarkupTests {
    /// The JUnit report of a run with every verdict validates against the vendored Jenkins/Ant schema.
    @Test func junitValidatesAgainstSchema() throws {
        let xml = JUnitReport.render(ReportFixtures.run(), scoreLabel: "OpenAI")
        let (status, output) = try Markup.runXmllint(
            ["--noout", "--schema", Markup.junitSchema], on: xml, suffix: "xml")
        #expect(status == 0, "xmllint: \(output)\n\(xml)")
        #expect(xml.contains(#"<property name="assay.compatibility" value="OpenAI compatibility: 1/3 clauses"/>"#))
        #expect(xml.contains(#"<skipped message="not on this target"/>"#))
        #expect(xml.contains(#"type="contract""#) && xml.contains(#"type="execution""#))
    }

    /// The schema really constrains: a testcase without a name or with an unknown child is rejected.
    @Test func schemaRejectsInvalidJUnit() throws {
        let bad = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites><testsuite name="s" tests="1"><testcase classname="s"><flunk/></testcase></testsuite></testsuites>
            """
        let (status, _) = try Markup.runXmllint(["--noout", "--schema", Markup.junitSchema], on: bad, suffix: "xml")
        #expect(status != 0)
    }

    /// The badge is well-formed SVG for both XML parsers and reads "contract 3/5" for the fixture run.
    @Test func badgeIsWellFormed() throws {
        let svg = BadgeSVG.render(ReportFixtures.run())
        let (parsed, error) = Markup.parses(svg)
        #expect(parsed, "\(error)\n\(svg)")
        let (status, output) = try Markup.runXmllint(["--noout"], on: svg, suffix: "svg")
        #expect(status == 0, "\(output)")
        #expect(svg.contains(">contract<") && svg.contains(">3/5<"))
        #expect(svg.contains(BadgeSVG.Color.red.rawValue))
    }

    /// The badge colour is the run's verdict: green only when it passed, red when any case
    /// failed or could not run (however high the pass rate), grey without a verdict.
    @Test func badgeColourIsTheVerdict() {
        func summary(passed: Int, failed: Int = 0, errors: Int = 0, skipped: Int = 0) -> RunSummary {
            var summary = RunSummary()
            summary.passed = passed
            summary.failed = failed
            summary.errors = errors
            summary.skipped = skipped
            return summary
        }
        #expect(BadgeSVG.color(summary(passed: 45), interrupted: false) == .green)
        #expect(BadgeSVG.color(summary(passed: 45, skipped: 3), interrupted: false) == .green)
        #expect(BadgeSVG.color(summary(passed: 23, failed: 1), interrupted: false) == .red)
        #expect(BadgeSVG.color(summary(passed: 20, errors: 2), interrupted: false) == .red)
        #expect(BadgeSVG.color(summary(passed: 0), interrupted: false) == .grey)
        #expect(BadgeSVG.color(summary(passed: 0, skipped: 4), interrupted: false) == .grey)
        #expect(BadgeSVG.color(summary(passed: 3), interrupted: true) == .grey)
    }

    /// An interrupted run says so on the badge, and two different badges inlined in one page
    /// do not share an id.
    @Test func badgeMarksInterruptionAndHasItsOwnIds() {
        var run = ReportFixtures.run()
        let whole = BadgeSVG.render(run)
        run.interrupted = true
        let cut = BadgeSVG.render(run)
        #expect(cut.contains("interrupted<") && cut.contains(BadgeSVG.Color.grey.rawValue))
        func ids(_ svg: String) -> Set<String> {
            Set(svg.matches(of: /id="([^"]+)"/).map { String($0.output.1) })
        }
        #expect(ids(whole).count == 2 && ids(cut).count == 2)
        #expect(ids(whole).isDisjoint(with: ids(cut)))
        #expect(BadgeSVG.render(ReportFixtures.run()) == whole, "the badge is reproducible")
    }

    /// The HTML report parses as XML (XHTML-compatible), loads nothing external and holds
    /// the waterfall, the stream timeline with its heartbeat marked, and escaped names.
    @Test func htmlIsWellFormedAndSelfContained() throws {
        let html = HTMLReport.render(ReportFixtures.run(), context: ReportContext(scoreLabel: "OpenAI"))
        let (parsed, error) = Markup.parses(html)
        #expect(parsed, "\(error)")
        let (status, output) = try Markup.runXmllint(["--noout"], on: html, suffix: "xhtml")
        #expect(status == 0, "\(output)")
        for external in ["<script src", "<link", "src=\"http", "href=\"http", "@import", "url(http"] {
            #expect(!html.contains(external), "external asset: \(external)")
        }
        #expect(html.contains("OpenAI compatibility: 1/3 clauses"))
        #expect(html.contains("streams &lt;tokens&gt; &amp; &quot;quotes&quot;"))
        #expect(html.components(separatedBy: "class=\"wf\"").count - 1 == 5)  // one per recorded exchange
        // Each event twice: on the exchange's own strip and on the run timeline.
        #expect(html.components(separatedBy: "class=\"ev hb\"").count - 1 == 2)
        #expect(html.components(separatedBy: "class=\"ev\"").count - 1 == 6)
    }

    /// TAP 14: version line, plan, one point per case, `#` escaped, SKIP directive, YAML block for failures.
    @Test func tapStream() {
        let tap = TAPReport.render(ReportFixtures.run())
        let lines = tap.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "TAP version 14")
        #expect(lines[1] == "1..6")
        #expect(lines.contains(#"ok 1 - chat / streams <tokens> & "quotes""#))
        #expect(lines.contains("not ok 2 - chat / rejects bad key, 100%: yes"))
        #expect(lines.contains("ok 4 - chat / legacy \\# field # SKIP not on this target"))
        #expect(lines.contains("not ok 6 - models / unreachable"))
        #expect(lines.contains("  severity: error"))
        #expect(lines.contains(#"        - "/id: missing\nsecond line""#))
        let points = lines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("not ok ") }
        #expect(points.count == 6)
        // Every YAML block opens and closes, indented two spaces.
        #expect(lines.filter { $0 == "  ---" }.count == 2 && lines.filter { $0 == "  ..." }.count == 2)
        #expect(lines.last(where: { !$0.isEmpty }) == "# 3 passed, 2 failed, 1 skipped")
    }
}
