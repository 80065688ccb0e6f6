import Foundation

extension CaseRunner {
    /// Runs the single step of a replay or rate-limit case as its conversation, on this worker:
    /// request 1 is judged by the case's `expect`, the conversation judges the rest, and every
    /// exchange lands in the step's redacted records.
    func converse(
        _ conversation: PreparedStep.Conversation, _ prepared: PreparedStep, progress: CaseProgress,
        performer: ExchangePerformer, clock: any ConversationClock
    ) -> StepResult {
        let step = prepared.ready.step
        let (suite, scope, redactor) = (progress.suite, progress.scope, progress.redactor)
        var result = Self.emptyResult(step)
        let judgeFirst = { (response: HTTPResponse, timings: TransferTimings) in
            evaluate(
                step.expect.resolved(for: context.mode), response: response, timings: timings, suite: suite,
                scope: scope, redactor: redactor)
        }
        let (request, options) = (prepared.request, prepared.ready.options)
        switch conversation {
        case .replay(let spec):
            let key: String
            do {
                key =
                    try spec.key.map { template throws(Diagnostic) in try scope.resolve(template, at: spec.location) }
                    ?? RandomUUID.next()
            } catch {
                result.verdict = .error
                result.error = redactor.redact(error.description)
                return result
            }
            var replay = ReplayConversation(
                spec: spec, performer: performer, clock: clock, options: options, redactor: redactor)
            let keyed = replay.keyed(request, key)
            result.curl = CurlCommand.render(request: keyed, options: options, redactor: redactor)
            replay.run(keyed, key: key, judgeFirst: judgeFirst)
            replay.finish(into: &result, started: prepared.started, detail: context.exchangeDetail(for:))
        case .rateLimit(let spec):
            result.curl = CurlCommand.render(request: request, options: options, redactor: redactor)
            var rateLimit = RateLimitConversation(
                spec: spec, performer: performer, clock: clock, options: options, redactor: redactor)
            rateLimit.run(request, judgeFirst: judgeFirst)
            rateLimit.finish(into: &result, started: prepared.started, detail: context.exchangeDetail(for:))
        }
        return result
    }
}
