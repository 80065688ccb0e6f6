import Foundation

extension CaseRunner {
    /// Runs a replay case's single step: request 1 is judged by the case's `expect`; the
    /// replays, the reused key with another body, the concurrent duplicates and the expiry
    /// are judged against it. Every exchange lands in the step's redacted records.
    func runReplay(
        _ spec: ReplaySpec, step: Step, suite: Suite, scope: VariableScope, redactor: Redactor,
        performer: ExchangePerformer
    ) -> StepResult {
        let started = ContinuousClock.now
        var result = Self.emptyResult(step)
        let request: HTTPRequest
        let options: TransportOptions
        let key: String
        do {
            (request, options) = try prepare(step, suite: suite, scope: scope)
            key =
                try spec.key.map { template throws(Diagnostic) in try scope.resolve(template, at: spec.location) }
                ?? UUID().uuidString.lowercased()
        } catch {
            result.verdict = .error
            result.error = redactor.redact(error.description)
            return result
        }
        var session = ReplaySession(spec: spec, performer: performer, options: options, redactor: redactor)
        let keyed = session.keyed(request, key)
        result.curl = CurlCommand.render(request: keyed, options: options, redactor: redactor)
        runReplaySteps(&session, step: step, suite: suite, scope: scope, request: keyed, key: key)
        session.finish(into: &result, started: started)
        return result
    }

    private func runReplaySteps(
        _ session: inout ReplaySession, step: Step, suite: Suite, scope: VariableScope, request: HTTPRequest,
        key: String
    ) {
        let spec = session.spec
        guard let first = session.send(request, label: "request 1", key: key) else { return }
        if let timings = session.exchanges.last?.timings {
            session.checks += evaluate(
                step.expect.resolved(for: context.mode), response: first, timings: timings, suite: suite, scope: scope,
                redactor: session.redactor)
        }
        if spec.key == nil, let marker = spec.marker, session.comparison.hasMarker(first) {
            session.fail("request 1 carries \(marker.header): \(marker.value) although its key was fresh")
        }
        guard session.checkSequentialReplays(of: first, request: request, key: key) else { return }
        if let mismatch = spec.mismatch {
            guard session.checkMismatch(mismatch, first: first, request: request, key: key) else { return }
        }
        if let count = spec.concurrent {
            guard session.checkConcurrent(count, first: first, request: request, context: context, suite: suite) else {
                return
            }
        }
        if let ttl = spec.ttlMs {
            _ = session.checkExpiry(after: ttl, first: first, request: request, key: key)
        }
    }
}
