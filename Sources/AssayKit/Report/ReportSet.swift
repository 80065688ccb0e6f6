/// Which artifacts a run (or a merge) produces and where: the files, the history, the
/// GitHub job summary and annotations. It turns into the observers that write them, in
/// an order that keeps the console's counts line last.
public struct ReportSet: Sendable {
    /// One report file to write.
    public struct File: Sendable, Equatable {
        public var format: ReportFormat
        public var path: String

        /// Creates a file entry.
        public init(format: ReportFormat, path: String) {
            self.format = format
            self.path = path
        }
    }

    public var files: [File] = []
    /// The score label, the history read before the run, the revision, the trend window.
    public var context: ReportContext
    /// Where to append this run's history line.
    public var historyPath: String?
    /// How many runs the history keeps.
    public var historyLimit = RunHistory.defaultLimit
    /// `GITHUB_STEP_SUMMARY`: the Markdown report is appended there too.
    public var stepSummaryPath: String?
    /// Whether to print `::error` workflow commands (`GITHUB_ACTIONS=true`).
    public var annotations = false

    /// Creates an empty set.
    public init(context: ReportContext = ReportContext()) {
        self.context = context
    }

    /// Adds every `--out DIR` artifact: `junit.xml`, `report.json`, `report.md`, `report.html`, `badge.svg`.
    public mutating func addOutDirectory(_ directory: String) {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        for format in ReportFormat.outFormats {
            files.append(File(format: format, path: (base.isEmpty ? "." : base) + "/" + format.outFileName))
        }
    }

    /// Adds one report file.
    public mutating func add(_ format: ReportFormat, path: String) {
        files.append(File(format: format, path: path))
    }

    /// The observers writing this set, with `console` (if any) last so its counts line ends the output.
    public func observers(console: (any RunObserver)? = nil) -> [any RunObserver] {
        let context = self.context
        var observers: [any RunObserver] = files.map { file in
            FileReportWriter(path: file.path) { file.format.render($0, context: context) }
        }
        if let historyPath {
            observers.append(HistoryFileWriter(path: historyPath, limit: historyLimit, revision: context.revision))
        }
        if let stepSummaryPath {
            observers.append(StepSummaryWriter(path: stepSummaryPath) { MarkdownReport.render($0, context: context) })
        }
        if annotations { observers.append(GitHubAnnotationWriter()) }
        if let console { observers.append(console) }
        return observers
    }

    /// Writes every artifact of an already finished result (for `assay merge`).
    public func write(_ result: RunResult, console: (any RunObserver)? = nil) {
        for observer in observers(console: console) { observer.runFinished(result) }
    }
}
