import Foundation

/// A case between its steps, and the one path every step takes: `advance` builds the next step
/// (`StepRequest`), hands it to the lane to put on the wire, judges what came back (`StepJudge`,
/// the stream check) and records it, then goes on with the next step. The lanes only differ in
/// how a request is sent: a transfer loop (`LoopCaseRunner`) calls back on its thread when the
/// transfer ends, a worker (`CaseRunner`) sends with its own client and calls back at once, and
/// runs the conversations (replay, rate limit) that only a worker can hold.
///
/// A class, because it travels from step to step through the loop's completions, where a struct
/// of this size would be copied (and its members retained) at every hop.
final class CaseProgress: @unchecked Sendable {
    // @unchecked: one thread at a time works on a case (the lane that sends its current step).
    let testCase: TestCase
    let shared: SharedSuite
    let context: RunContext
    private(set) var result: CaseResult
    var scope: VariableScope
    var redactor: Redactor
    let started = ContinuousClock.now
    /// The cookies this case was given: its own jar, the suite's (`cookieJar: "suite"`), or none.
    let cookieJar: CookieJar?
    /// The index of the step `prepareNext` returns.
    private var position = 0

    init(_ testCase: TestCase, in shared: SharedSuite, context: RunContext, redactor: Redactor) {
        self.testCase = testCase
        self.shared = shared
        self.context = context
        self.result = CaseResult(
            suite: shared.suite.name, name: testCase.name, tags: Self.tags(of: testCase, in: shared.suite),
            location: testCase.location, verdict: .passed, durationMs: 0, steps: [], reason: nil, startedAt: Date(),
            exclusive: testCase.exclusive ? true : nil)
        self.scope = shared.planned.scope
        self.redactor = redactor
        switch shared.suite.cookieJar {
        case .case: cookieJar = CookieJar()
        case .suite: cookieJar = shared.cookieJar
        case .off: cookieJar = nil
        }
    }

    /// The suite's header, lent by the shared suite rather than copied.
    var suite: Suite {
        _read { yield shared.suite }
    }

    /// A case's tags and then its suite's; the case's own list, unshared, when the suite has none.
    static func tags(of testCase: TestCase, in suite: Suite) -> [String] {
        suite.tags.isEmpty ? testCase.tags : testCase.tags + suite.tags
    }

    /// Which case sends the requests, for the trace ledger.
    var origin: TraceOrigin { TraceOrigin(suite: shared.suite.name, caseName: testCase.name) }

    /// Puts a step on the wire and calls back once with what came back.
    typealias Send = (PreparedStep, _ arrived: @escaping (StepArrival) -> Void) -> Void

    /// Runs the case's steps in order through `send`, then gives the case's result to `done`. A
    /// skipped case sends nothing; once a step did not pass, the rest are recorded as skipped.
    func run(send: @escaping Send, done: @escaping (CaseResult) -> Void) {
        if let skipped = skippedResult { return done(skipped) }
        advance(send: send, done: done)
    }

    private func advance(send: @escaping Send, done: @escaping (CaseResult) -> Void) {
        guard let prepared = prepareNext() else { return done(finished()) }
        send(prepared) { [self] arrival in
            record(judge(arrival, for: prepared))
            advance(send: send, done: done)
        }
    }

    /// The result of a case marked `skip`, which sends nothing; nil for a case that runs.
    var skippedResult: CaseResult? {
        guard let reason = testCase.skip else { return nil }
        var skipped = result
        skipped.verdict = .skipped
        skipped.reason = reason
        return skipped
    }

    /// The next step, built and ready to send, or nil when the case is done. A step whose request
    /// cannot be built is recorded as an error here.
    private func prepareNext() -> PreparedStep? {
        while position < testCase.steps.count {
            let step = testCase.steps[position]
            position += 1
            guard result.verdict == .passed else {
                result.steps.append(CaseRunner.skippedStep(step, because: "an earlier step did not pass"))
                continue
            }
            let started = ContinuousClock.now
            switch StepRequest.make(
                step, suite: suite, scope: scope, redactor: redactor, context: context,
                defaultHeaders: shared.defaultHeaders, cookieJar: cookieJar)
            {
            case .failure(let failure):
                var failed = failure.result
                failed.durationMs = started.duration(to: .now).milliseconds
                record(failed)
            case .success(let ready):
                return PreparedStep(ready, testCase: testCase, context: context, redactor: redactor, started: started)
            }
        }
        return nil
    }

    /// The step's result from what came back: a conversation judged its own exchanges; an
    /// exchange is judged here, with its stream's checks first (they may send a comparison request).
    private func judge(_ arrival: StepArrival, for prepared: PreparedStep) -> StepResult {
        switch arrival {
        case .conversation(let judged):
            return judged
        case .exchange(let exchange, let checks, let performer):
            var sent = SentStep(prepared.ready, exchange: exchange, checks: checks)
            if let stream = prepared.stream, let performer {
                sent.checks += stream.results(for: exchange, performer: performer, scope: scope)
            }
            var judged = StepJudge(context: context).judge(
                sent, suite: suite, scope: &scope, redactor: &redactor, streamCheck: prepared.stream)
            judged.durationMs = prepared.started.duration(to: .now).milliseconds
            return judged
        }
    }

    private func record(_ step: StepResult) {
        var step = step
        // `position` is past the step `prepareNext` returned last: the one being recorded.
        if position > 0, testCase.steps[position - 1].precondition { step.markPreconditionUnmet() }
        result.verdict = result.verdict.combined(with: step.verdict)
        result.steps.append(step)
    }

    /// The case's result, timed from its start until now.
    private func finished() -> CaseResult {
        var finished = result
        finished.durationMs = started.duration(to: .now).milliseconds
        return finished
    }
}

/// A step built and ready to go out, in the form its lane sends it.
struct PreparedStep {
    /// What a worker runs instead of a single exchange.
    enum Conversation {
        case replay(ReplaySpec)
        case rateLimit(RateLimitSpec)
    }

    let ready: StepRequest
    /// When building the step began; the step is timed from here.
    let started: ContinuousClock.Instant
    /// The stream check of a streamed step: its observer reads the body as it arrives.
    let stream: StreamCheck?
    let conversation: Conversation?

    init(
        _ ready: StepRequest, testCase: TestCase, context: RunContext, redactor: Redactor,
        started: ContinuousClock.Instant
    ) {
        self.ready = ready
        self.started = started
        self.stream = ready.expectation.stream.map {
            StreamCheck(spec: $0, options: ready.options, goldens: context.goldenSettings, redactor: redactor)
        }
        self.conversation =
            if let replay = testCase.replay { .replay(replay) } else { testCase.rateLimit.map { .rateLimit($0) } }
    }

    var request: HTTPRequest { ready.request }
    /// The options the request goes out with (a stream's deadline stretches the total timeout).
    var options: TransportOptions { stream?.streamOptions ?? ready.options }
}

/// What came back for a step.
enum StepArrival {
    /// The step's exchange with the run-wide checks it gave rise to; `performer` sends a streamed
    /// step's comparison request (only a worker has one).
    case exchange(Exchange, checks: [CheckResult], performer: (any Performer)?)
    /// A conversation's step, judged as it went (replay, rate limit).
    case conversation(StepResult)
}
