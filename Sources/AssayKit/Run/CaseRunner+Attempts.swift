import Foundation

extension CaseRunner {
    /// Tags of cases that are about 429s: their 429s are the contract, never waited out.
    static let rateLimitTags: Set<String> = ["rate-limit", "clause:rate-limit"]

    /// The attempt rules of a plain step: its own `retry`, else the case's, else the run's; and the
    /// run's 429 rule unless the case is about rate limits. Nil: the step is sent once, as usual.
    func attempts(for step: Step, in testCase: TestCase, suite: Suite, clock: any ConversationClock)
        -> StepAttempts?
    {
        guard step.expect.stream == nil, testCase.replay == nil, testCase.rateLimit == nil else { return nil }
        let retry = step.retry ?? testCase.retry ?? context.retry
        let tags = CaseProgress.tags(testCase.tags, suite.tags)
        let waitsOut429 = context.rateLimitWaitMs.flatMap { Self.rateLimitTags.isDisjoint(with: tags) ? $0 : nil }
        guard retry != nil || waitsOut429 != nil else { return nil }
        return StepAttempts(retry: retry, rateLimitWaitMs: waitsOut429, clock: clock)
    }

    /// Sends a plain step under its attempt rules. Each attempt is built and judged from the
    /// variables as they were before the step, so only the last attempt's captures count. The
    /// first attempt sends the request `first` was built with (from those same variables); each
    /// later one builds its own, so a generated value (`${uuid}`, a timestamp) is fresh per attempt.
    func runAttempts(
        _ attempts: StepAttempts, first: PreparedStep, progress: CaseProgress, performer: ExchangePerformer
    ) -> StepResult {
        let step = first.ready.step
        let until = step.retry?.until ?? progress.testCase.retry?.until ?? context.retry?.until
        return attempts.run { number in
            let started = number == 1 ? first.started : ContinuousClock.now
            var scope = progress.scope
            var redactor = progress.redactor
            let ready: StepRequest
            if number == 1 {
                ready = first.ready
            } else {
                switch StepRequest.make(
                    step, in: progress.shared, scope: scope, redactor: redactor, context: sharedContext,
                    cookieJar: progress.cookieJar)
                {
                case .success(let made): ready = made
                // A request that no longer builds ends the retries.
                case .failure(let failure):
                    return StepAttempts.Attempt(
                        result: failure.result, status: nil, retryAfter: nil, done: true, throttled: false)
                }
            }
            let (exchange, checks) = performer.perform(ready.request, options: ready.options, observer: nil)
            var sent = SentStep(ready, exchange: exchange, checks: checks)
            let response = exchange.failure == nil ? exchange.response : nil
            // Judged from the variables as they were before the step, as the step's own expectations are.
            var untilHolds: Bool?
            var untilProblem: Diagnostic?
            if let until, let response {
                do throws(Diagnostic) {
                    let resolved = try until.resolved(for: context.mode).resolvingVariables(in: progress.scope)
                    let unmet = sharedContext.judge.evaluate(
                        resolved, response: response, timings: exchange.timings,
                        defaultCompare: progress.suite.defaults.compare,
                        scope: progress.scope, redactor: progress.redactor, describesPasses: false
                    ).filter { !$0.passed }
                    untilHolds = unmet.isEmpty
                    // The step waits for `until`: an attempt it does not hold for has not passed, so
                    // retries that run out first fail the step even where its own `expect` holds (a
                    // job polled until "done" that stays "running" is not a pass).
                    if !unmet.isEmpty {
                        sent.checks.append(
                            .fail(
                                "retry", "retry.until did not hold: " + unmet.map(\.message).joined(separator: "; "),
                                subject: "until", at: until.location))
                    }
                } catch {
                    untilProblem = error
                }
            }
            var result = sharedContext.judge.judge(sent, in: progress.shared, scope: &scope, redactor: &redactor)
            result.durationMs = started.duration(to: .now).milliseconds
            var done = result.verdict == .passed
            if until != nil {
                guard let response else {
                    return StepAttempts.Attempt(
                        result: result, status: nil, retryAfter: nil, done: context.cancellation.isCancelled,
                        throttled: false)
                }
                if let untilProblem {
                    // An `until` that cannot be resolved never holds: say so rather than retry blindly.
                    result.verdict = .error
                    result.error = progress.redactor.redact("retry.until: \(untilProblem.description)")
                    return StepAttempts.Attempt(
                        result: result, status: response.status, retryAfter: nil, done: true, throttled: false)
                }
                done = untilHolds ?? false
            }
            // An interrupted run tries no more.
            if context.cancellation.isCancelled { done = true }
            let throttled = response?.status == 429 && !(ready.expectation.status?.accepts(429) ?? false)
            return StepAttempts.Attempt(
                result: result, status: response?.status,
                retryAfter: throttled ? response?.headers.first("Retry-After") : nil, done: done,
                throttled: throttled,
                keep: {
                    progress.scope = scope
                    progress.redactor = redactor
                })
        }
    }
}
