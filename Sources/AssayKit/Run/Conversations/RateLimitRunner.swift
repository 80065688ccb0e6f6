import Foundation

extension CaseRunner {
    /// Runs a rate-limit case's single step: the budgeted burst until the first 429 (request 1
    /// judged by the case's `expect`), the checks on that 429 and the limit headers, then the
    /// cool-down request after the advertised wait (capped by `maxWait`).
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
        var session = RateLimitSession(spec: spec, performer: performer, options: options, redactor: redactor)
        runBurst(&session, request: request, step: step, suite: suite, scope: scope)
        session.finish(into: &result, started: started)
        return result
    }

    private func runBurst(
        _ session: inout RateLimitSession, request: HTTPRequest, step: Step, suite: Suite, scope: VariableScope
    ) {
        let spec = session.spec
        var responses: [(number: Int, response: HTTPResponse)] = []
        var limited: (number: Int, response: HTTPResponse)?
        for number in 1...spec.budget {
            guard let response = session.send(request, label: "request \(number)") else { return }
            responses.append((number, response))
            if number == 1, let timings = session.exchanges.last?.timings, response.status != 429 {
                session.checks += evaluate(
                    step.expect.resolved(for: context.mode), response: response, timings: timings, suite: suite,
                    scope: scope, redactor: session.redactor)
            }
            if response.status == 429 {
                limited = (number, response)
                break
            }
            if !(200...299).contains(response.status) {
                session.fail(
                    "request \(number) answered \(response.status) before any 429; expected 2xx until the limit")
                return
            }
        }
        let successes = responses.count - (limited == nil ? 0 : 1)
        session.checkLimitHeaders(responses, successes: successes)
        guard let limited else {
            session.fail("sent \(spec.budget) requests, no 429; is the limit above the budget?")
            return
        }
        session.pass("request \(limited.number) got the first 429 after \(successes) success(es)")
        let advertised = session.checkLimited(limited.response, number: limited.number, now: Date())
        guard spec.coolDown else { return }
        let waitMs = min(advertised, Double(spec.maxWaitMs))
        Thread.sleep(forTimeInterval: waitMs / 1000)
        guard let after = session.send(request, label: "request after the cool-down") else { return }
        let capped =
            advertised > Double(spec.maxWaitMs)
            ? " (capped by maxWait; the target asked for \(Int(advertised)) ms)" : ""
        if (200...299).contains(after.status) {
            session.pass("after waiting \(Int(waitMs)) ms a request succeeded (\(after.status))")
        } else {
            session.fail(
                "after waiting \(Int(waitMs)) ms\(capped) the next request answered \(after.status); expected 2xx")
        }
    }
}
