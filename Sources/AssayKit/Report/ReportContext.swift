import Foundation

/// What reports show besides the run itself: the score's label and the earlier runs
/// the trend is drawn from. A plain value, so every renderer stays a pure function.
public struct ReportContext: Sendable {
    /// The compatibility score's label (`--score-label`, default `Contract`).
    public var scoreLabel: String
    /// Earlier runs, oldest first, as read from the history file before this run.
    public var history: [HistoryEntry]
    /// The code revision this run tested (`ASSAY_REVISION` or `GITHUB_SHA`), if known.
    public var revision: String?
    /// How many runs, this one included, the trend looks at.
    public var trendWindow: Int

    /// Creates a context; the defaults suit a run without history.
    public init(
        scoreLabel: String = "Contract", history: [HistoryEntry] = [], revision: String? = nil, trendWindow: Int = 10
    ) {
        self.scoreLabel = scoreLabel
        self.history = history
        self.revision = revision
        self.trendWindow = trendWindow
    }

    /// The revision from the environment: `ASSAY_REVISION` first, then `GITHUB_SHA`.
    public static func revision(from environment: [String: String]) -> String? {
        for name in ["ASSAY_REVISION", "GITHUB_SHA"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return nil
    }

    /// The trend over the history and `result` (as the newest run).
    public func trend(_ result: RunResult) -> TrendAnalysis {
        TrendAnalysis(history + [HistoryEntry(result, revision: revision)], window: trendWindow)
    }
}
