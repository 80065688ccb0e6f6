/// How a run compares with the runs before it: which cases newly fail, which newly
/// pass, and which are flaky (their verdict changed between two runs of the same code).
public struct TrendAnalysis: Sendable, Equatable {
    /// The runs looked at, oldest first; the last one is the current run.
    public var runs: [HistoryEntry]
    /// Cases that fail now and passed in the previous run.
    public var newlyFailing: [String]
    /// Cases that pass now and failed in the previous run.
    public var newlyPassing: [String]
    /// Cases whose verdict changed between two consecutive runs with the same known revision.
    public var flaky: [String]

    /// Analyses the newest `window` of `entries` (oldest first; the last is the current run).
    public init(_ entries: [HistoryEntry], window: Int = 10) {
        runs = Array(entries.suffix(max(1, window)))
        var newlyFailing: [String] = []
        var newlyPassing: [String] = []
        if runs.count >= 2 {
            let current = runs[runs.count - 1]
            let previous = runs[runs.count - 2]
            for (name, verdict) in current.cases {
                guard let before = previous.cases[name], let now = Self.outcome(verdict),
                    let then = Self.outcome(before)
                else {
                    continue
                }
                if then && !now { newlyFailing.append(name) }
                if !then && now { newlyPassing.append(name) }
            }
        }
        var flaky = Set<String>()
        for (older, newer) in zip(runs, runs.dropFirst()) {
            // Without a revision on both sides "no code change in between" is undecidable.
            guard let revision = older.revision, revision == newer.revision else { continue }
            for (name, verdict) in newer.cases {
                guard let before = older.cases[name], let now = Self.outcome(verdict), let then = Self.outcome(before)
                else {
                    continue
                }
                if now != then { flaky.insert(name) }
            }
        }
        self.newlyFailing = newlyFailing.sorted()
        self.newlyPassing = newlyPassing.sorted()
        self.flaky = flaky.sorted()
    }

    /// Whether a verdict counts as good (true), bad (false) or not at all (nil: skipped, not exercised, not run).
    static func outcome(_ verdict: Verdict) -> Bool? {
        switch verdict {
        case .passed: true
        case .failed, .error: false
        case .skipped, .notExercised, .notRun: nil
        }
    }
}
