import Foundation

/// GitHub Actions workflow commands for failed cases: `::error file=…,line=…,col=…,title=…::message`,
/// one line each, pointing at the case in its suite file. Data is escaped as the runner
/// requires (`%`, CR, LF) and property values also escape `:` and `,`.
public enum GitHubAnnotations {
    /// Whether the environment is a GitHub Actions job.
    public static func enabled(_ environment: [String: String]) -> Bool {
        environment["GITHUB_ACTIONS"] == "true"
    }

    /// One `::error` line per case that failed or could not be executed, in run order.
    public static func lines(_ result: RunResult) -> [String] {
        result.cases.filter { $0.verdict == .failed || $0.verdict == .error }.map(line)
    }

    /// The `::error` line for one case.
    public static func line(_ testCase: CaseResult) -> String {
        let outcome = testCase.verdict == .error ? "could not be executed" : "failed"
        return errorLine(
            at: testCase.location, title: "assay: \(testCase.suite) / \(testCase.name) \(outcome)",
            message: message(testCase))
    }

    /// The `::error` line for a suite or config error, at its place; nil when it has no place (the
    /// console says it). A broken suite in a pull request is then marked on the line to fix.
    public static func line(_ diagnostic: Diagnostic) -> String? {
        guard let location = diagnostic.location, !location.file.isEmpty else { return nil }
        var message = diagnostic.message
        if let hint = diagnostic.hint { message += "\nhint: \(hint)" }
        return errorLine(at: location, title: "assay: error in this file", message: message)
    }

    /// `::error file=…,line=…,col=…,title=…::message`, with properties and data escaped as the runner requires.
    static func errorLine(at location: SourceLocation, title: String, message: String) -> String {
        let properties = [
            "file=\(TextEscaping.annotationProperty(location.file))", "line=\(location.line)", "col=\(location.column)",
            "title=\(TextEscaping.annotationProperty(title))",
        ]
        return
            "::error \(properties.joined(separator: ","))::\(TextEscaping.annotationData(TextEscaping.terminal(message)))"
    }

    /// What went wrong, as the annotation's (multi-line) body.
    static func message(_ testCase: CaseResult) -> String {
        var lines: [String] = []
        if testCase.verdict == .error {
            lines.append(testCase.steps.compactMap(\.error).first ?? testCase.reason ?? "could not be executed")
        }
        for check in testCase.failedChecks {
            lines.append(check.message)
            lines += check.details.prefix(10).map { "  " + $0 }
        }
        if let curl = testCase.steps.first(where: { $0.verdict == .failed || $0.verdict == .error })?.curl {
            lines.append("reproduce: \(curl)")
        }
        return lines.isEmpty ? "contract failed" : lines.joined(separator: "\n")
    }
}

/// Prints the annotations to stdout when the run finishes; list it before the console
/// reporter so the console's counts line stays the last line.
public final class GitHubAnnotationWriter: RunObserver {
    private let write: (String) -> Void
    /// The run's redactor: the rendered text passes through it last, after any cutting.
    private var redactor = Redactor()

    public func runStarted(plan: RunPlan, context: RunContext) {
        redactor = plan.redactor
    }

    /// Creates a writer printing through `write` (stdout by default, unbuffered like the console, so
    /// the lines keep their place before the counts line).
    public init(write: @escaping (String) -> Void = ConsoleReporter.writeLine) {
        self.write = write
    }

    public func runFinished(_ result: RunResult) {
        for line in GitHubAnnotations.lines(result) { write(redactor.redact(line)) }
    }
}
