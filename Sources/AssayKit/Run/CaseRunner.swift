import Foundation

/// The worker lane: runs one case on the calling thread with the worker's own client. The steps
/// go through `CaseProgress` like those on the transfer loop; a worker sends each request at once,
/// with a stream's observer when the step is streamed, and holds the conversations of replay and
/// rate-limit cases (in `Conversations/`), which send several requests and wait between them.
struct CaseRunner {
    let sharedContext: SharedContext
    let client: CurlClient
    /// What conversations wait on (a replay key's TTL, a rate limit's cool-down); the run's
    /// cancellable clock unless one is given.
    var clock: (any ConversationClock)? = nil

    init(context: SharedContext, client: CurlClient, clock: (any ConversationClock)? = nil) {
        self.sharedContext = context
        self.client = client
        self.clock = clock
    }

    /// The run's context, lent by the shared context rather than copied.
    var context: RunContext {
        _read { yield sharedContext.context }
    }

    func run(_ job: Scheduler.Job, redactor: Redactor) -> CaseResult {
        let progress = CaseProgress(job, context: sharedContext, redactor: redactor)
        let (testCase, shared) = (job.testCase, job.suite)
        // A rate-limit burst is about its own timing: the run's pace does not space it.
        let performer = ExchangePerformer(
            client: client, context: context, suite: shared.suite, origin: progress.origin,
            paced: testCase.rateLimit == nil)
        var finished: CaseResult?
        // Each step is sent and called back before `run` returns: nothing here outlives the call.
        progress.run(
            send: { prepared, arrived in
                arrived(send(prepared, progress: progress, performer: performer))
            },
            done: { finished = $0 })
        guard let finished else { preconditionFailure("a worker's case ends within its run") }
        return finished
    }

    /// Sends a step on this worker: its request, or its whole conversation.
    private func send(_ prepared: PreparedStep, progress: CaseProgress, performer: ExchangePerformer)
        -> StepArrival
    {
        let clock = clock ?? SystemConversationClock(cancellation: context.cancellation)
        if let conversation = prepared.conversation {
            return .conversation(
                converse(conversation, prepared, progress: progress, performer: performer, clock: clock))
        }
        // A step with attempt rules (`retry`, the run's 429 rule) is sent and judged attempt by attempt.
        if let attempts = attempts(
            for: prepared.ready.step, in: progress.testCase, suite: progress.suite, clock: clock)
        {
            return .conversation(runAttempts(attempts, first: prepared, progress: progress, performer: performer))
        }
        let (exchange, checks) = performer.perform(
            prepared.request, options: prepared.options, observer: prepared.stream?.observer)
        var sent = SentStep(prepared.ready, exchange: exchange, checks: checks)
        // A stream's checks are run here, on the worker: they may send a comparison request.
        if let stream = prepared.stream {
            sent.checks += stream.results(for: exchange, performer: performer, scope: progress.scope)
        }
        return .sent(sent)
    }

    /// Status, header, content-type, duration and body checks of one response.
    func evaluate(
        _ expectation: ResponseExpectation, response: HTTPResponse, timings: TransferTimings, suite: Suite,
        scope: VariableScope, redactor: Redactor
    ) -> [CheckResult] {
        sharedContext.judge.evaluate(
            expectation, response: response, timings: timings, defaultCompare: suite.defaults.compare, scope: scope,
            redactor: redactor)
    }

    static func emptyResult(_ step: Step) -> StepResult {
        StepResult(
            name: step.name, location: step.location, verdict: .passed, exchanges: [], checks: [], captures: [:],
            curl: nil, error: nil, durationMs: 0)
    }

    /// A case that could not start at all.
    static func notExecuted(_ testCase: TestCase, in suite: Suite, reason: String) -> CaseResult {
        CaseResult(
            suite: suite.name, name: testCase.name, tags: CaseProgress.tags(testCase.tags, suite.tags),
            location: testCase.location, verdict: .error, durationMs: 0, steps: [], reason: reason, startedAt: Date())
    }

    static func skippedStep(_ step: Step, because reason: String) -> StepResult {
        var result = emptyResult(step)
        result.verdict = .skipped
        result.error = reason
        return result
    }
}

extension Duration {
    /// This duration in milliseconds, as a Double.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
