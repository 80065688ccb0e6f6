import Foundation

/// A check that sends several requests for one step (replay, rate limit): every request goes
/// through the `ExchangePerformer` (so trace ids are audited), every exchange is kept, and the
/// first request that cannot be executed ends the session.
protocol CheckSession {
    var performer: ExchangePerformer { get }
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

extension CheckSession {
    /// Sends one request labelled for messages and the trace ledger; nil when it could not be executed.
    mutating func perform(_ request: HTTPRequest, label: String, replayKey: String? = nil) -> HTTPResponse? {
        var labelled = performer
        labelled.origin?.request = label
        if let replayKey { labelled.origin?.replayKey = replayKey }
        let (exchange, trace) = labelled.perform(request, options: options)
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

    /// Moves the session's outcome into the step: checks, verdict, redacted exchange records, duration.
    func finish(into result: inout StepResult, started: ContinuousClock.Instant) {
        result.checks = checks
        if let error {
            result.verdict = .error
            result.error = error
        } else if checks.contains(where: { !$0.passed }) {
            result.verdict = .failed
        }
        let detail = performer.context.exchangeDetail(for: result.verdict)
        result.exchanges = exchanges.map { ExchangeRecord($0, redactor: redactor, detail: detail) }
        result.keepOnly(detail)
        result.durationMs = started.duration(to: .now).milliseconds
    }
}
