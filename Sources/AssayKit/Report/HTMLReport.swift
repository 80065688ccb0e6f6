import Foundation

/// The HTML report: one self-contained XHTML-compatible file (inline CSS, no scripts, no
/// external assets) with the counts, the score by clause, a per-suite table and every
/// case with its failure diff, its redacted exchanges, a timing waterfall and, for
/// streams, the event timeline. Every piece of text is escaped.
public enum HTMLReport {
    /// The document for `result` in `context`.
    public static func render(_ result: RunResult, context: ReportContext = ReportContext()) -> String {
        let summary = result.summary
        let score = CompatibilityScore(result, label: context.scoreLabel)
        let ran = summary.passed + summary.failed + summary.errors
        let scoreLine = score.applies ? "<p class=\"score\">\(e(score.line))</p>\n" : ""
        var html = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>Assay report: \(e(summary.line))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>Assay report</h1>
            <p class="counts"><span class="pass">\(summary.passed) passed</span>, <span class="fail">\(summary.failed + summary.errors) failed</span>, <span class="skip">\(summary.skipped) skipped</span>\(notExercisedCount(summary))\
             · pass rate \(e(MarkdownReport.percent(summary.passed, of: ran))) · \(e(MarkdownReport.seconds(result.durationMs)))</p>
            \(scoreLine)<p class="meta">target <code>\(e(result.target))</code> · \(e(result.mode.rawValue)) mode · \(e(result.tool))\
            \(result.shard.map { " · shard \(e($0))" } ?? "")\(context.revision.map { " · revision <code>\(e($0))</code>" } ?? "")\
             · started \(e(ISO8601DateFormatter().string(from: result.startedAt)))</p>

            """
        if result.interrupted {
            html +=
                "<p class=\"warn\">The run was interrupted: \(summary.notRun) case(s) did not run, each listed below as not run.</p>\n"
        }
        html += clauseTable(score)
        html += suiteTable(result)
        html += timelineSection(result)
        html += trendSection(context.trend(result), result: result)
        html += "<h2>Cases</h2>\n"
        for suite in result.suites {
            html += "<h3>\(e(suite.name)) <small><code>\(e(suite.file))</code></small></h3>\n"
            for testCase in suite.cases { html += caseSection(testCase) }
        }
        html += "</body>\n</html>\n"
        return html
    }

    static func clauseTable(_ score: CompatibilityScore) -> String {
        guard score.applies, !score.clauses.isEmpty else { return "" }
        var html =
            "<h2>Compatibility by clause</h2>\n<table>\n<tr><th>clause</th><th>verdict</th><th>cases passed</th><th>failing</th></tr>\n"
        for clause in score.clauses {
            let (verdict, css) =
                switch clause.verdict {
                case .passed: ("holds", "pass")
                case .failed, .error: ("broken", "fail")
                case .notExercised: ("not exercised", "nex")
                case .skipped, .notRun: ("skipped", "skip")
                }
            html += "<tr><td>\(e(clause.name))</td><td class=\"\(css)\">\(verdict)</td>"
            html +=
                "<td class=\"num\">\(clause.passedCases)/\(clause.cases)</td><td>\(e(clause.failing.joined(separator: ", ")))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    static func suiteTable(_ result: RunResult) -> String {
        var html =
            "<h2>Suites</h2>\n<table>\n<tr><th>suite</th><th>file</th><th>passed</th><th>failed</th><th>errors</th>"
        html += "<th>skipped</th><th>time</th></tr>\n"
        for suite in result.suites {
            let counts = RunSummary(cases: suite.cases)
            let time = suite.cases.reduce(0) { $0 + $1.durationMs }
            html +=
                "<tr><td>\(e(suite.name))</td><td><code>\(e(suite.file))</code></td><td class=\"num\">\(counts.passed)</td>"
            html += "<td class=\"num\">\(counts.failed)</td><td class=\"num\">\(counts.errors)</td>"
            html +=
                "<td class=\"num\">\(counts.skipped)</td><td class=\"num\">\(e(MarkdownReport.milliseconds(time)))</td></tr>\n"
        }
        let stats = TimingStats(result)
        html += "</table>\n"
        if stats.count > 0 {
            html += "<p class=\"meta\">case time: p50 \(e(MarkdownReport.milliseconds(stats.p50))) · p95 "
            html +=
                "\(e(MarkdownReport.milliseconds(stats.p95))) · max \(e(MarkdownReport.milliseconds(stats.max)))</p>\n"
        }
        return html
    }

    static func caseSection(_ testCase: CaseResult) -> String {
        let bad = testCase.verdict == .failed || testCase.verdict == .error
        let (mark, css) = verdictMark(testCase.verdict)
        var html = "<details class=\"case\"\(bad ? " open=\"open\"" : "") id=\"\(e(anchor(testCase)))\">\n"
        html += "<summary><span class=\"\(css)\">\(mark)</span> \(e(testCase.name)) "
        html += "<span class=\"meta\">\(e(MarkdownReport.milliseconds(testCase.durationMs)))"
        html += " · <code>\(e(testCase.location.description))</code></span></summary>\n<div class=\"body\">\n"
        if !testCase.tags.isEmpty {
            html += "<p class=\"meta\">tags: \(e(testCase.tags.joined(separator: ", ")))</p>\n"
        }
        if let attempts = testCase.attemptsLine { html += "<p class=\"meta\">\(e(attempts))</p>\n" }
        if testCase.verdict == .notExercised {
            html += "<p class=\"nex\">not exercised: \(e(testCase.notExercisedReason))</p>\n"
        } else if let reason = testCase.reason {
            html += "<p class=\"meta\">\(e(reason))</p>\n"
        }
        for step in testCase.steps { html += stepSection(step, many: testCase.steps.count > 1) }
        return html + "</div>\n</details>\n"
    }

    static func stepSection(_ step: StepResult, many: Bool) -> String {
        var html = ""
        if many { html += "<h4>step \(e(step.name)): \(e(step.verdict.rawValue))</h4>\n" }
        var diff: [String] = []
        if let error = step.error { diff.append(error) }
        for check in step.checks where check.failed {
            diff.append(check.message + (check.location.map { "  (\($0))" } ?? ""))
            diff += check.details.map { "  " + $0 }
        }
        if !diff.isEmpty { html += "<pre class=\"diff\">\(e(diff.joined(separator: "\n")))</pre>\n" }
        for exchange in step.exchanges {
            html += waterfall(exchange)
            if let stream = exchange.stream { html += streamTimeline(stream) }
            html +=
                "<pre class=\"exchange\">\(e(ExchangeText.render(exchange, includeBodies: true).joined(separator: "\n")))</pre>\n"
        }
        if let curl = step.curl { html += "<p class=\"meta\">reproduce:</p><pre class=\"curl\">\(e(curl))</pre>\n" }
        return html
    }

    /// The mark and CSS class of a verdict, for case headings and timeline rows alike.
    static func verdictMark(_ verdict: Verdict) -> (mark: String, css: String) {
        switch verdict {
        case .passed: ("✓", "pass")
        case .failed: ("✗", "fail")
        case .error: ("!", "fail")
        case .skipped, .notRun: ("-", "skip")
        case .notExercised: ("○", "nex")
        }
    }

    /// A stable fragment id for a case.
    static func anchor(_ testCase: CaseResult) -> String {
        let raw = "case-\(testCase.suite)-\(testCase.name)"
        return String(raw.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
    }

    /// Escapes text for XHTML content and attributes.
    static func e(_ text: String) -> String { TextEscaping.xml(text) }

    /// `, <N not exercised>` after the counts, when any case was not exercised.
    static func notExercisedCount(_ summary: RunSummary) -> String {
        (summary.notExercised > 0 ? ", <span class=\"nex\">\(summary.notExercised) not exercised</span>" : "")
            + (summary.notRun > 0 ? ", <span class=\"skip\">\(summary.notRun) not run</span>" : "")
    }

    static let style = """
        body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
        h1{margin-bottom:.2em}code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
        pre{background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px;padding:.6em;overflow-x:auto;white-space:pre-wrap}
        pre.diff{background:#fff5f5;border-color:#f3c0c0}table{border-collapse:collapse;margin:.5em 0}
        th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}td.num{text-align:right}
        .pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}.skip{color:#9a6700}.nex{color:#57606a;font-weight:600}
        .warn{background:#fff8c5;padding:.4em}.meta{color:#666}.score{font-size:1.15em;font-weight:600}
        details.case{border:1px solid #ddd;border-radius:4px;margin:.3em 0;padding:.2em .6em}
        details.case summary{cursor:pointer}.body{padding:.3em 0}
        .wf{display:grid;grid-template-columns:12em 1fr 6em;gap:2px 8px;align-items:center;margin:.4em 0;max-width:48em}
        .track{position:relative;height:10px;background:#f0f0f0;border-radius:2px}
        .bar{position:absolute;top:0;height:10px;border-radius:2px;min-width:1px}
        .phase{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.num{text-align:right}
        .redirect{background:#d1242f}.dns{background:#8250df}.connect{background:#0969da}.tls{background:#bf8700}
        .pretransfer{background:#6e7781}.wait{background:#1a7f37}.download{background:#54aeff}.total{background:#afb8c1}
        .stream .track{height:18px}.ev{position:absolute;top:2px;width:3px;height:14px;background:#0969da}
        .ev.hb{background:#cf222e;height:8px;top:5px}
        .passbg{background:#2da44e}.failbg{background:#cf222e}
        .skipbg{background:#d4a72c}.tl{display:grid;grid-template-columns:22em 1fr 11em;gap:2px 8px;align-items:center;margin:.4em 0}
        .tl-row{display:contents;color:inherit;text-decoration:none}.tl-row:hover .tl-label{text-decoration:underline}
        .tl-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.tl-axis{position:relative;height:1.2em;border-bottom:1px solid #999}
        .tick{position:absolute;font-size:11px;color:#666}.tl .track{height:14px}
        .tl-bar{position:absolute;top:3px;height:8px;min-width:2px;border-radius:2px;opacity:.55}
        .tl-row.critical .tl-bar{top:0;height:14px;opacity:1;outline:2px solid #0550ae}.tl-row.critical .tl-label{font-weight:600}
        .tl-row.exclusive .tl-bar{background-image:repeating-linear-gradient(45deg,transparent 0 3px,rgba(255,255,255,.6) 3px 5px)}
        .tl .ev{top:1px;height:12px;width:2px}.tl .ev.hb{top:4px;height:6px}
        .gap{position:absolute;top:12px;height:2px;background:#8250df}.gap.over{background:#cf222e;height:3px}
        .charts{display:flex;flex-wrap:wrap;gap:1em}.chart{max-width:100%;height:auto;font-size:11px}
        .chart .grid{stroke:#eee}.chart .axis{stroke:#666}.chart .line{fill:none;stroke-width:2}
        .rate .line{stroke:#1a7f37}.rate .point{fill:#1a7f37}.duration .line{stroke:#0969da}.duration .point{fill:#0969da}
        .chart .tick{fill:#666}.chart .value{fill:#222;font-weight:600}.chart .axis-title{fill:#444}
        .ceiling{position:absolute;top:0;width:0;height:14px;border-left:2px dashed #8250df}
        """
}
