import Foundation

/// Runs one case, step by step, on the calling thread with the worker's own client.
/// A failed or unexecutable step skips the rest of the case.
struct CaseRunner {
    let context: RunContext
    let client: CurlClient

    func run(_ testCase: TestCase, in planned: PlannedSuite, redactor baseRedactor: Redactor) -> CaseResult {
        let started = ContinuousClock.now
        let startedAt = Date()
        var result = CaseResult(
            suite: planned.suite.name, name: testCase.name, tags: testCase.tags + planned.suite.tags,
            location: testCase.location, verdict: .passed, durationMs: 0, steps: [], reason: nil, startedAt: startedAt)
        if let reason = testCase.skip {
            result.verdict = .skipped
            result.reason = reason
            return result
        }
        var scope = planned.scope
        var redactor = baseRedactor
        for step in testCase.steps {
            if result.verdict != .passed {
                result.steps.append(Self.skippedStep(step, because: "an earlier step did not pass"))
                continue
            }
            let stepResult = runStep(step, suite: planned.suite, scope: &scope, redactor: &redactor)
            result.verdict = result.verdict.combined(with: stepResult.verdict)
            result.steps.append(stepResult)
        }
        result.durationMs = started.duration(to: .now).milliseconds
        return result
    }

    private func runStep(_ step: Step, suite: Suite, scope: inout VariableScope, redactor: inout Redactor) -> StepResult {
        let started = ContinuousClock.now
        var result = StepResult(
            name: step.name, location: step.location, verdict: .passed, exchanges: [], checks: [], captures: [:],
            curl: nil, error: nil, durationMs: 0)
        defer { result.durationMs = started.duration(to: .now).milliseconds }
        let expectation = step.expect.resolved(for: context.mode)
        let request: HTTPRequest
        do {
            request = try RequestBuilder(target: context.target, defaults: suite.defaults).build(step.request, scope: scope)
        } catch {
            result.verdict = .error
            result.error = redactor.redact(error.description)
            return result
        }
        var options = context.transport
        if let connect = step.request.connectTimeoutMs ?? suite.defaults.connectTimeoutMs {
            options.connectTimeout = .milliseconds(connect)
        }
        if let total = step.request.totalTimeoutMs ?? suite.defaults.totalTimeoutMs {
            options.totalTimeout = .milliseconds(total)
        }
        result.curl = CurlCommand.render(request: request, options: options, redactor: redactor)
        let exchange = client.perform(request, options: options)
        var checks: [CheckResult] = []
        if let response = exchange.response, exchange.failure == nil {
            checks += ResponseChecker.check(expectation, response: response, timings: exchange.timings)
            checks += BodyChecker(context: context, redactor: redactor).check(
                expectation, defaultCompare: suite.defaults.compare, response: response, scope: scope)
            for capture in step.captures {
                switch CaptureExtractor.extract(capture, from: response) {
                case .success(let value):
                    scope.set(capture.name, to: value, secret: capture.secret)
                    if capture.secret { redactor.add(value) }
                    result.captures[capture.name] = capture.secret ? Redactor.mask : redactor.redact(value)
                case .failure(let problem):
                    checks.append(.fail("capture", problem.description, subject: capture.name, at: capture.location))
                }
            }
        } else if let failure = exchange.failure {
            result.verdict = .error
            result.error = redactor.redact("could not execute \(request.method) \(request.url): \(failure.kind.rawValue): \(failure.message)")
        }
        result.checks = checks
        if result.verdict == .passed && checks.contains(where: { !$0.passed }) { result.verdict = .failed }
        result.exchanges = [ExchangeRecord(exchange, redactor: redactor, keepBodies: result.verdict != .passed)]
        return result
    }

    /// A case that could not start at all.
    static func notExecuted(_ testCase: TestCase, in planned: PlannedSuite, reason: String) -> CaseResult {
        CaseResult(
            suite: planned.suite.name, name: testCase.name, tags: testCase.tags + planned.suite.tags,
            location: testCase.location, verdict: .error, durationMs: 0, steps: [], reason: reason, startedAt: Date())
    }

    static func skippedStep(_ step: Step, because reason: String) -> StepResult {
        StepResult(
            name: step.name, location: step.location, verdict: .skipped, exchanges: [], checks: [], captures: [:],
            curl: nil, error: reason, durationMs: 0)
    }
}

extension Duration {
    /// This duration in milliseconds, as a Double.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
