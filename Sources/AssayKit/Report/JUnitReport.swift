import Foundation

/// JUnit XML (Jenkins/Ant flavour): one `testsuite` per suite file. A contract failure
/// is a `failure`; a case that could not be executed is an `error`. The redacted
/// exchange and the curl repro go in `system-out`.
public enum JUnitReport {
    /// The JUnit document for `result`; each suite carries the run's compatibility score
    /// and its own clause verdicts as properties.
    public static func render(_ result: RunResult, scoreLabel: String = "Contract") -> String {
        let score = CompatibilityScore(result, label: scoreLabel)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let summary = result.summary
        xml +=
            "<testsuites name=\"assay\" tests=\"\(summary.total)\" failures=\"\(summary.failed)\" errors=\"\(summary.errors)\""
        xml +=
            " skipped=\"\(summary.skipped + summary.notExercised + summary.notRun)\" time=\"\(seconds(result.durationMs))\">\n"
        for suite in result.suites {
            let counts = RunSummary(cases: suite.cases)
            let time = suite.cases.reduce(0) { $0 + $1.durationMs }
            xml +=
                "  <testsuite name=\"\(TextEscaping.xml(suite.name))\" tests=\"\(counts.total)\" failures=\"\(counts.failed)\""
            xml +=
                " errors=\"\(counts.errors)\" skipped=\"\(counts.skipped + counts.notExercised + counts.notRun)\" time=\"\(seconds(time))\""
            xml +=
                " timestamp=\"\(timestamp(suite.cases.first?.startedAt ?? result.startedAt))\" file=\"\(TextEscaping.xml(suite.file))\">\n"
            xml += propertiesElement(score: score, suite: suite)
            for testCase in suite.cases { xml += testCaseElement(testCase, suite: suite) }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    /// `<properties>` holding the score line and the verdict of each clause the suite's cases belong to.
    static func propertiesElement(score: CompatibilityScore, suite: SuiteResult) -> String {
        // A plain suite has no score, and an empty `<properties>` is not valid in the schema.
        guard score.applies else { return "" }
        var xml = "    <properties>\n"
        xml += "      <property name=\"assay.compatibility\" value=\"\(TextEscaping.xml(score.line))\"/>\n"
        let names = Set(suite.cases.flatMap(CompatibilityScore.clauseNames(of:)))
        for clause in score.clauses where names.contains(clause.name) && clause.verdict != .skipped {
            let verdict = clause.verdict.rawValue
            xml += "      <property name=\"assay.clause.\(TextEscaping.xml(clause.name))\" value=\"\(verdict)\"/>\n"
        }
        return xml + "    </properties>\n"
    }

    static func testCaseElement(_ testCase: CaseResult, suite: SuiteResult) -> String {
        var xml =
            "    <testcase name=\"\(TextEscaping.xml(testCase.name))\" classname=\"\(TextEscaping.xml(suite.name))\""
        xml +=
            " time=\"\(seconds(testCase.durationMs))\" file=\"\(TextEscaping.xml(testCase.location.file))\" line=\"\(testCase.location.line)\">\n"
        if let attempts = testCase.attemptsLine {
            xml +=
                "      <properties><property name=\"attempts\" value=\"\(TextEscaping.xml(attempts))\"/></properties>\n"
        }
        switch testCase.verdict {
        case .passed: break
        case .skipped, .notRun:
            // JUnit has no "not run" either: an interrupted run's unrun cases are skipped, with the reason.
            xml += "      <skipped message=\"\(TextEscaping.xml(testCase.reason ?? testCase.verdict.label))\"/>\n"
        case .notExercised:
            // JUnit has no such state; `skipped` is the one that is neither pass nor failure.
            let message = "not exercised: " + testCase.notExercisedReason
            xml += "      <skipped message=\"\(TextEscaping.xml(message))\"/>\n"
        case .failed:
            let failed = testCase.failedChecks
            let message = failed.first?.message ?? "contract failed"
            let body = failed.map { ([$0.message] + $0.details.map { "  " + $0 }).joined(separator: "\n") }.joined(
                separator: "\n")
            xml +=
                "      <failure message=\"\(TextEscaping.xml(message))\" type=\"contract\">\(TextEscaping.xml(body))</failure>\n"
        case .error:
            let message = testCase.steps.compactMap(\.error).first ?? testCase.reason ?? "could not be executed"
            xml +=
                "      <error message=\"\(TextEscaping.xml(message))\" type=\"execution\">\(TextEscaping.xml(message))</error>\n"
        }
        let out = ExchangeText.render(testCase, includeBodies: testCase.verdict != .passed)
        if !out.isEmpty { xml += "      <system-out>\(TextEscaping.xml(out))</system-out>\n" }
        xml += "    </testcase>\n"
        return xml
    }

    static func seconds(_ milliseconds: Double) -> String { String(format: "%.3f", milliseconds / 1000) }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date).replacingOccurrences(of: "Z", with: "")
    }
}
