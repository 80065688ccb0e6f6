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
    /// The scheduled case: its spec and its suite, lent rather than copied.
    let job: Scheduler.Job
    let sharedContext: SharedContext
    private(set) var result: CaseResult
    var scope: VariableScope
    var redactor: Redactor
    let started = ContinuousClock.now
    /// The cookies this case was given: its own jar, the suite's (`cookieJar: "suite"`), or none.
    let cookieJar: CookieJar?
    /// What a worker runs instead of the case's single exchange, if anything.
    let conversation: PreparedStep.Conversation?
    /// The index of the step `prepareNext` returns.
    private var position = 0

    init(_ job: Scheduler.Job, context: SharedContext, redactor: Redactor) {
        self.job = job
        self.sharedContext = context
        // The spec and the suite are read field by field: bound whole to a local, each was copied.
        let shared = job.suite
        self.result = CaseResult(
            suite: shared.suite.name, name: job.testCase.name, tags: Self.tags(job.testCase.tags, shared.suite.tags),
            location: job.testCase.location, verdict: .passed, durationMs: 0, steps: [], reason: nil,
            startedAt: Date(), exclusive: job.testCase.exclusive ? true : nil)
        self.scope = shared.planned.scope
        self.redactor = redactor
        switch shared.suite.cookieJar {
        case .case: cookieJar = Self.sendsOneRequest(job, context: context) ? nil : CookieJar()
        case .suite: cookieJar = shared.cookieJar
        case .off: cookieJar = nil
        }
        conversation =
            if let replay = job.testCase.replay {
                .replay(replay)
            } else {
                job.testCase.rateLimit.map { .rateLimit($0) }
            }
    }

    /// Whether the case sends exactly one request: one step, sent once (no conversation, no retry or
    /// 429 rule) and not redirected. Nothing it is given could then be sent back, so its own jar
    /// would only be filled and dropped: most cases (one plain request) go without one.
    /// The case and the context are read field by field: bound whole, each was copied.
    static func sendsOneRequest(_ job: Scheduler.Job, context: SharedContext) -> Bool {
        let steps = job.testCase.steps
        guard steps.count == 1 else { return false }
        let sentAgain =
            job.testCase.replay != nil || job.testCase.rateLimit != nil || steps[0].retry != nil
            || job.testCase.retry != nil || context.context.retry != nil || context.context.rateLimitWaitMs != nil
        let followsRedirects = steps[0].request.redirects?.follow ?? context.context.transport.followRedirects
        return !sentAgain && !followsRedirects
    }

    var testCase: TestCase {
        _read { yield job.testCase }
    }

    var shared: SharedSuite { job.suite }

    /// The suite's header, lent by the shared suite rather than copied.
    var suite: Suite {
        _read { yield shared.suite }
    }

    /// The run's context, lent by the shared context rather than copied.
    var context: RunContext {
        _read { yield sharedContext.context }
    }

    /// A case's tags and then its suite's; the case's own list, unshared, when the suite has none.
    static func tags(_ caseTags: [String], _ suiteTags: [String]) -> [String] {
        suiteTags.isEmpty ? caseTags : caseTags + suiteTags
    }

    /// Which case sends the requests, for the trace ledger.
    var origin: TraceOrigin { TraceOrigin(suite: shared.suite.name, caseName: testCase.name) }

    /// The run-wide checks (trace ids) an exchange of this case gives rise to. Only the parts of the
    /// context and the suite it needs are read: passing either whole copied it, every member retained.
    func audit(_ exchange: Exchange) -> [CheckResult] {
        guard let auditor = context.traceAuditor else { return [] }
        return auditor.audit(exchange, suitePolicy: shared.suite.trace, origin: origin)
    }

    /// Puts a step on the wire and calls back once with what came back. The arrival is handed
    /// over (`consuming`) down to the judge, so its exchange is moved along rather than copied.
    typealias Send = (PreparedStep, _ arrived: @escaping (consuming StepArrival) -> Void) -> Void

    /// Runs the case's steps in order through `send`, then gives the case's result to `done`, which
    /// takes it over (`consuming`: handed on to the scheduler, not copied). A skipped case sends
    /// nothing; once a step did not pass, the rest are recorded as skipped.
    func run(send: @escaping Send, done: @escaping (consuming CaseResult) -> Void) {
        if let skipped = skippedResult { return done(skipped) }
        advance(send: send, done: done)
    }

    private func advance(send: @escaping Send, done: @escaping (consuming CaseResult) -> Void) {
        guard let prepared = prepareNext() else { return done(finished()) }
        send(prepared) { [self] arrival in
            record(judge(consume arrival, for: prepared))
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
                step, in: shared, scope: scope, redactor: redactor, context: sharedContext, cookieJar: cookieJar)
            {
            case .failure(let failure):
                var failed = failure.result
                failed.durationMs = started.duration(to: .now).milliseconds
                record(failed)
            case .success(let ready):
                return PreparedStep(
                    ready, conversation: conversation, context: sharedContext, redactor: redactor, started: started)
            }
        }
        return nil
    }

    /// The step's result from what came back: a conversation judged its own exchanges; a sent
    /// step is judged here.
    private func judge(_ arrival: consuming StepArrival, for prepared: PreparedStep) -> StepResult {
        switch consume arrival {
        case .conversation(let judged):
            return judged
        case .sent(let sent):
            var judged = sharedContext.judge.judge(
                sent, in: shared, scope: &scope, redactor: &redactor, streamCheck: prepared.stream)
            judged.durationMs = prepared.started.duration(to: .now).milliseconds
            return judged
        }
    }

    private func record(_ step: consuming StepResult) {
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

/// A step built and ready to go out, in the form its lane sends it. A class: the lane and the
/// case's continuation both hold it while the transfer runs, and a struct was copied into each.
final class PreparedStep {
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
        _ ready: StepRequest, conversation: Conversation?, context: SharedContext, redactor: Redactor,
        started: ContinuousClock.Instant
    ) {
        self.ready = ready
        self.started = started
        self.stream = ready.expectation.stream.map {
            StreamCheck(spec: $0, options: ready.options, goldens: context.context.goldenSettings, redactor: redactor)
        }
        self.conversation = conversation
    }

    var request: HTTPRequest { ready.request }
    /// The options the request goes out with (a stream's deadline stretches the total timeout).
    var options: TransportOptions { stream?.streamOptions ?? ready.options }
}

/// What came back for a step.
enum StepArrival {
    /// The step's exchange with the checks it already gave rise to (run-wide trace policy, a
    /// stream's checks), for the judge.
    case sent(SentStep)
    /// A conversation's step, judged as it went (replay, rate limit).
    case conversation(StepResult)
}
