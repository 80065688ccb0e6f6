import Foundation

extension CaseResult {
    /// Why a case that never started is `notRun`.
    public static let neverStartedReason = "not run: the run was interrupted before this case started"
    /// Why a case whose requests the interruption cancelled is `notRun`.
    public static let cutShortReason = "not run: the run was interrupted while this case was in flight"

    /// A case the interrupted run never started: listed in every report, with no verdict on the target.
    public static func neverStarted(
        suite: String, name: String, tags: [String], location: SourceLocation, at time: Date
    ) -> CaseResult {
        CaseResult(
            suite: suite, name: name, tags: tags, location: location, verdict: .notRun, durationMs: 0, steps: [],
            reason: neverStartedReason, startedAt: time)
    }

    /// Whether one of the case's requests was cancelled by the run's interruption.
    public var metCancellation: Bool {
        steps.contains { step in step.exchanges.contains { $0.failure?.kind == .cancelled } }
    }

    /// A case the interruption cut short is `notRun`, whatever its steps made of the cancelled
    /// exchange: the target did nothing wrong, and nothing was judged to the end. Its steps stay, so
    /// the reports show how far it got.
    public mutating func markCutShortIfCancelled() {
        guard metCancellation else { return }
        verdict = .notRun
        reason = Self.cutShortReason
    }
}
