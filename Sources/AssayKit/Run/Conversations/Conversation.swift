import Foundation

/// A check that sends several requests for one step (replay, rate limit): every request goes
/// through the `Performer` (so trace ids are audited), every exchange is kept, and the
/// first request that cannot be executed ends the conversation. Waits go through the conversation's
/// `ConversationClock`.
protocol Conversation {
    var performer: any Performer { get }
    var clock: any ConversationClock { get }
    var options: TransportOptions { get }
    var redactor: Redactor { get }
    var exchanges: [Exchange] { get set }
    var checks: [CheckResult] { get set }
    /// Why the step could not be executed, if it could not.
    var error: String? { get set }
    /// The check kind and the suite location its results carry.
    var checkKind: String { get }
    var checkLocation: SourceLocation? { get }
}

extension Conversation {
    /// Sends one request labelled for messages and the trace ledger; nil when it could not be executed.
    mutating func perform(_ request: HTTPRequest, label: String, replayKey: String? = nil) -> HTTPResponse? {
        let (exchange, trace) = performer.perform(request, options: options, label: label, replayKey: replayKey)
        exchanges.append(exchange)
        checks += trace
        guard let response = exchange.response, exchange.failure == nil else {
            let reason = exchange.failure.map { "\($0.kind.rawValue): \($0.message)" } ?? "no response"
            error = redactor.redact("could not execute \(label) (\(request.method) \(request.url)): \(reason)")
            return nil
        }
        return response
    }

    mutating func pass(_ message: String) {
        checks.append(.pass(checkKind, "\(checkKind): " + message, at: checkLocation))
    }

    mutating func fail(_ message: String, details: [String] = []) {
        checks.append(.fail(checkKind, "\(checkKind): " + message, details: details, at: checkLocation))
    }

    /// Records that what the check is about could not be observed, and why (never a pass).
    mutating func notExercised(_ reason: String, details: [String] = []) {
        checks.append(
            .notExercised(checkKind, "\(checkKind): not exercised: " + reason, details: details, at: checkLocation))
    }

    /// Moves the conversation's outcome into the step: checks, verdict, redacted exchange records
    /// (kept in as much detail as `detail` gives a step of that verdict), duration.
    func finish(
        into result: inout StepResult, started: ContinuousClock.Instant,
        detail: (Verdict) -> ExchangeRecord.Detail
    ) {
        result.checks = checks
        if let error {
            result.verdict = .error
            result.error = error
        } else {
            result.verdict = StepResult.verdict(of: checks)
        }
        let detail = detail(result.verdict)
        result.exchanges = exchanges.map { ExchangeRecord($0, redactor: redactor, detail: detail) }
        result.keepOnly(detail)
        result.durationMs = started.duration(to: .now).milliseconds
    }
}
