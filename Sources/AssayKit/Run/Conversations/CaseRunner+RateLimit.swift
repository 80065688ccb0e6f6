import Foundation

extension CaseRunner {
    /// Runs a rate-limit case's single step as a `RateLimitConversation`; request 1 is judged by the
    /// case's `expect` (unless it is the 429).
    func runRateLimit(
        _ spec: RateLimitSpec, step: Step, suite: Suite, scope: VariableScope, redactor: Redactor,
        performer: ExchangePerformer
    ) -> StepResult {
        let started = ContinuousClock.now
        var result = Self.emptyResult(step)
        let request: HTTPRequest
        let options: TransportOptions
        do {
            (request, options) = try prepare(step, suite: suite, scope: scope)
        } catch {
            result.verdict = .error
            result.error = redactor.redact(error.description)
            return result
        }
        result.curl = CurlCommand.render(request: request, options: options, redactor: redactor)
        var conversation = RateLimitConversation(
            spec: spec, performer: performer, clock: SystemConversationClock(cancellation: context.cancellation),
            options: options, redactor: redactor)
        conversation.run(request) { response, timings in
            evaluate(
                step.expect.resolved(for: context.mode), response: response, timings: timings, suite: suite,
                scope: scope, redactor: redactor)
        }
        conversation.finish(into: &result, started: started, detail: context.exchangeDetail(for:))
        return result
    }
}
