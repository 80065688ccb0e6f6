import Foundation

extension CaseRunner {
    /// Runs a replay case's single step as a `ReplayConversation`; request 1 is judged by the case's
    /// `expect`. Every exchange lands in the step's redacted records.
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
                ?? RandomUUID.next()
        } catch {
            result.verdict = .error
            result.error = redactor.redact(error.description)
            return result
        }
        var conversation = ReplayConversation(
            spec: spec, performer: performer, clock: SystemConversationClock(cancellation: context.cancellation),
            options: options, redactor: redactor)
        let keyed = conversation.keyed(request, key)
        result.curl = CurlCommand.render(request: keyed, options: options, redactor: redactor)
        conversation.run(keyed, key: key) { response, timings in
            evaluate(
                step.expect.resolved(for: context.mode), response: response, timings: timings, suite: suite,
                scope: scope, redactor: redactor)
        }
        conversation.finish(into: &result, started: started, detail: context.exchangeDetail(for:))
        return result
    }
}
