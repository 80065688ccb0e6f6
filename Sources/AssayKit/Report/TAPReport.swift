import Foundation

/// TAP version 14: one test point per case in plan order, skipped cases as `# SKIP`,
/// and for each failure a YAML diagnostic block with the messages, the location and the
/// repro. The compatibility score and the counts close the stream as comments.
public enum TAPReport {
    /// The TAP document for `result`.
    public static func render(_ result: RunResult, scoreLabel: String = "Contract") -> String {
        let cases = result.cases
        var lines = ["TAP version 14", "1..\(cases.count)"]
        for (offset, testCase) in cases.enumerated() {
            let number = offset + 1
            let description = TextEscaping.tapDescription("\(testCase.suite) / \(testCase.name)")
            switch testCase.verdict {
            case .passed:
                lines.append("ok \(number) - \(description)")
                // A comment, so TAP consumers see the retries without a diagnostic block.
                if let attempts = testCase.attemptsLine {
                    lines.append("# \(description): \(TextEscaping.tapDescription(attempts))")
                }
            case .skipped:
                lines.append(
                    "ok \(number) - \(description) # SKIP \(TextEscaping.tapDescription(testCase.reason ?? "skipped"))")
            case .notExercised:
                let reason = TextEscaping.tapDescription("not exercised: " + testCase.notExercisedReason)
                lines.append("ok \(number) - \(description) # SKIP \(reason)")
            case .notRun:
                // TAP's SKIP is the one directive for a point that did not run.
                let reason = TextEscaping.tapDescription(testCase.reason ?? "not run")
                lines.append("ok \(number) - \(description) # SKIP \(reason)")
            case .failed, .error:
                lines.append("not ok \(number) - \(description)")
                lines += diagnostics(testCase).map { "  " + $0 }
            }
        }
        let score = CompatibilityScore(result, label: scoreLabel)
        if score.applies { lines.append("# \(score.line)") }
        lines.append("# \(result.summary.line)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The YAML block (`---` … `...`) describing a failed case.
    static func diagnostics(_ testCase: CaseResult) -> [String] {
        var yaml = ["---"]
        let failed = testCase.failedChecks
        let message =
            testCase.verdict == .error
            ? (testCase.steps.compactMap(\.error).first ?? testCase.reason ?? "could not be executed")
            : (failed.first?.message ?? "contract failed")
        yaml.append("message: \(TextEscaping.yamlQuoted(message))")
        yaml.append("severity: \(testCase.verdict == .error ? "error" : "fail")")
        yaml.append("at:")
        yaml.append("  file: \(TextEscaping.yamlQuoted(testCase.location.file))")
        yaml.append("  line: \(testCase.location.line)")
        yaml.append("  column: \(testCase.location.column)")
        yaml.append("duration_ms: \(Int(testCase.durationMs.rounded()))")
        if let attempts = testCase.attemptsLine { yaml.append("attempts: \(TextEscaping.yamlQuoted(attempts))") }
        if !failed.isEmpty {
            yaml.append("checks:")
            for check in failed {
                yaml.append("  - kind: \(TextEscaping.yamlQuoted(check.kind))")
                yaml.append("    message: \(TextEscaping.yamlQuoted(check.message))")
                if !check.details.isEmpty {
                    yaml.append("    details:")
                    yaml += check.details.prefix(50).map { "      - \(TextEscaping.yamlQuoted($0))" }
                }
            }
        }
        if let curl = testCase.steps.first(where: { $0.verdict == .failed || $0.verdict == .error })?.curl {
            yaml.append("reproduce: \(TextEscaping.yamlQuoted(curl))")
        }
        yaml.append("...")
        return yaml
    }
}
