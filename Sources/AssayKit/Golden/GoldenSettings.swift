/// Where a run's goldens live and when it may write them: what judging a body against a golden
/// needs from the run, and nothing more.
struct GoldenSettings: Sendable {
    var store: GoldenStore
    var record: RecordMode
    /// Whether `--record` was given on the command line (recording on CI requires it).
    var recordExplicit: Bool
    /// The environment, which tells whether the run is on CI.
    var environment: [String: String]
}
