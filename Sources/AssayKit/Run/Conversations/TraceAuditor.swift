import Foundation

/// Applies the trace policy to every exchange of a run (errors, 429s, streams and the
/// extra requests of replay and rate-limit checks included) and keeps the run-wide
/// ledger of ids that proves uniqueness and feeds the run's `TraceSummary`.
public final class TraceAuditor: @unchecked Sendable {
    // @unchecked Sendable: cases run concurrently on worker threads that all audit through
    // one instance; `ledger` and `counts` are only touched while holding `lock`.
    /// The run's policy (config file or command line); a suite's own policy replaces it.
    public let policy: TracePolicy?
    private let redactor: Redactor
    private let lock = NSLock()
    private var ledger: [String: TraceOrigin?] = [:]
    private var counts = TraceSummary()

    /// Creates an auditor for a run; `redactor` masks secrets in the ids it quotes.
    public init(policy: TracePolicy? = nil, redactor: Redactor = Redactor()) {
        self.policy = policy
        self.redactor = redactor
    }

    /// The auditor a run needs: one when the run (`policy`) or any planned suite declares a policy, else nil.
    public static func forRun(policy: TracePolicy?, suitesDeclareOne: Bool, redactor: Redactor) -> TraceAuditor? {
        guard policy != nil || suitesDeclareOne else { return nil }
        return TraceAuditor(policy: policy, redactor: redactor)
    }

    /// What the auditor saw so far; read it after the run.
    public var summary: TraceSummary {
        lock.withLock { counts }
    }

    /// The trace checks for one exchange; empty when no policy applies or no response arrived.
    public func audit(_ exchange: Exchange, suitePolicy: TracePolicy?, origin: TraceOrigin? = nil) -> [CheckResult] {
        guard let policy = suitePolicy ?? policy, let response = exchange.response else { return [] }
        let outcome = TraceRules(policy: policy, redactor: redactor).evaluate(
            request: exchange.request, response: response)
        var checks = outcome.checks
        lock.lock()
        defer {
            counts.responses += 1
            if outcome.missing { counts.missingByClass[TraceSummary.statusClass(response.status), default: 0] += 1 }
            counts.failedChecks += checks.filter(\.failed).count
            lock.unlock()
        }
        for (header, id) in outcome.ids {
            if let earlier = ledger[id] {
                let replay = origin?.replayKey != nil && earlier?.replayKey == origin?.replayKey
                if policy.unique && !replay {
                    let who = earlier.map { $0.label } ?? "an earlier request"
                    checks.append(
                        .fail(
                            "trace",
                            "trace: \(header) \"\(redactor.redact(id))\" on the \(response.status) response was already returned by \(who)",
                            subject: header, at: policy.location))
                }
            } else {
                ledger[id] = origin
            }
        }
        if checks.isEmpty {
            let message = outcome.missing ? "no trace id (not required)" : "trace id present and valid"
            checks.append(.pass("trace", "trace: \(message) on the \(response.status) response", at: policy.location))
        }
        return checks
    }
}
