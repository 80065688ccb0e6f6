import AssayKit
import Foundation

/// The report flags `run`, `merge` and `replay` share, and how they become observers:
/// report files, `--out DIR`, the history, the score label, GitHub annotations and job summary.
struct ReportOptions {
    static let options: [Arguments.Option] = [
        .init(
            names: ["--out"], kind: .value(placeholder: "DIR"),
            help: "Write junit.xml, report.json, report.md, report.html and badge.svg."),
        .init(names: ["--junit"], kind: .value(placeholder: "FILE"), help: "Write a JUnit XML report."),
        .init(names: ["--json"], kind: .value(placeholder: "FILE"), help: "Write the JSON report."),
        .init(names: ["--markdown"], kind: .value(placeholder: "FILE"), help: "Write the Markdown health report."),
        .init(names: ["--html"], kind: .value(placeholder: "FILE"), help: "Write the self-contained HTML report."),
        .init(names: ["--badge"], kind: .value(placeholder: "FILE"), help: "Write an SVG badge (\"contract 42/45\")."),
        .init(names: ["--tap"], kind: .value(placeholder: "FILE"), help: "Write a TAP version 14 report."),
        .init(
            names: ["--history"], kind: .value(placeholder: "FILE"),
            help: "Append this run to a JSON-lines history (trend, flaky cases)."),
        .init(
            names: ["--history-limit"], kind: .value(placeholder: "N"), help: "Runs the history keeps (default: 50)."),
        .init(
            names: ["--trend"], kind: .value(placeholder: "N"),
            help: "Runs the trend looks at, this one included (default: 10)."),
        .init(
            names: ["--score-label"], kind: .value(placeholder: "TEXT"),
            help: "Label of the compatibility score (default: Contract)."),
    ]

    let set: ReportSet

    /// Reads the flags; the history file is read now, before the run appends to it.
    init(_ arguments: Arguments, environment: [String: String], annotations: Bool = true) throws {
        var context = ReportContext(
            scoreLabel: arguments.value("--score-label") ?? "Contract",
            revision: ReportContext.revision(from: environment))
        if context.scoreLabel.trimmingCharacters(in: .whitespaces).isEmpty {
            throw UsageError("--score-label must not be empty")
        }
        context.trendWindow = try arguments.integer("--trend", in: 2...1000) ?? 10
        let historyPath = arguments.value("--history")
        if let historyPath { context.history = HistoryFileWriter.read(historyPath) }
        var set = ReportSet(context: context)
        if let directory = arguments.value("--out") { set.addOutDirectory(directory) }
        let flags: [(String, ReportFormat)] = [
            ("--junit", .junit), ("--json", .json), ("--markdown", .markdown), ("--html", .html), ("--badge", .badge),
            ("--tap", .tap),
        ]
        for (flag, format) in flags {
            if let path = arguments.value(flag) { set.add(format, path: path) }
        }
        set.historyPath = historyPath
        set.historyLimit = try arguments.integer("--history-limit", in: 1...100_000) ?? RunHistory.defaultLimit
        if let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty { set.stepSummaryPath = summary }
        set.annotations = annotations && GitHubAnnotations.enabled(environment)
        self.set = set
    }

    /// How much the console prints of each case: 0, 1 (`-v`: every exchange) or 2 (`-vv`: with bodies).
    static func verbosity(_ arguments: Arguments) -> Int {
        arguments.flag("-vv") ? 2 : min(2, arguments.count("--verbose"))
    }

    /// Every observer for a run that sends requests, the console (`-v`, `--no-color`) last so its
    /// counts line ends the output.
    func observers(_ arguments: Arguments, environment: [String: String]) -> [any RunObserver] {
        let style = ConsoleStyle(environment: environment, noColorFlag: arguments.flag("--no-color"))
        let console = ConsoleReporter(
            style: style, verbosity: Self.verbosity(arguments), scoreLabel: set.context.scoreLabel, writesRounds: true)
        return set.observers(console: console)
    }
}
