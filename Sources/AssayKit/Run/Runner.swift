import Foundation

/// Executes a plan: schedules cases, streams each result to the observers in plan order,
/// and returns the whole result tree. Interruption (`cancel()`) ends the transfers in flight at
/// once and still yields a result holding every case of the plan, marked `interrupted`: those
/// that finished with their verdicts, the others as `notRun`.
public final class Runner: @unchecked Sendable {
    // @unchecked: `scheduler` and `collector` are set once before workers start; `interrupted`
    // is guarded by `lock`; the collector locks its own state.
    /// The plan's suites and variables; their cases belong to the scheduler, which lets
    /// each go when it has run (streamed suites are read from their files in turn).
    public let plan: RunPlan
    public let context: RunContext
    public let parallelism: Int
    private let scheduler: Scheduler
    private let layout: LaneLayout
    private let collector: ResultCollector
    private let lock = NSLock()
    private var interrupted = false
    private var startedAt = Date()
    private var started = ContinuousClock.now

    public convenience init(plan: RunPlan, context: RunContext, parallelism: Int = 1) {
        self.init(plan: plan, context: context, parallelism: parallelism, layout: LaneLayout(parallelism: parallelism))
    }

    /// A runner with its lanes laid out as given, not as this machine's cores suggest, and (for
    /// tests) conversations' waits passed by `pause`.
    init(
        plan: RunPlan, context: RunContext, parallelism: Int, layout: LaneLayout,
        pause: (@Sendable (_ milliseconds: Double) -> Void)? = nil
    ) {
        self.layout = layout
        var scheduled = plan
        if context.sendsEveryCaseOnWorkers {
            for index in scheduled.suites.indices { scheduled.suites[index].sendsEveryCaseOnWorkers = true }
        }
        self.scheduler = Scheduler(
            plan: scheduled, parallelism: parallelism, loops: layout.loops, cancellation: context.cancellation,
            pause: pause)
        self.collector = ResultCollector(plan: plan)
        // The scheduler's cursor owns the cases now; the runner keeps the suites' headers only.
        var headers = plan
        for index in headers.suites.indices { headers.suites[index].cases = [] }
        self.plan = headers
        self.context = context
        self.parallelism = parallelism
    }

    /// Stops the run (e.g. on SIGINT): no case starts any more, and every transfer in flight ends
    /// now, its case reported as not run.
    public func cancel() {
        lock.withLock { interrupted = true }
        // The scheduler first: a lane whose transfer the cancellation ends must not take another case.
        scheduler.cancel()
        context.cancellation.cancel()
    }

    /// Runs the plan, notifying `observers`, and returns the result tree.
    @discardableResult
    public func run(observers: [any RunObserver]) -> RunResult {
        CurlGlobal.initialize()
        lock.withLock {
            startedAt = Date()
            started = .now
        }
        for observer in observers { observer.runStarted(plan: plan, context: context) }
        let total = plan.caseCount
        let context = self.context
        let sharedContext = SharedContext(context)
        let redactor = plan.redactor
        let loopRunner = LoopCaseRunner(context: sharedContext, redactor: redactor)
        let lanes = Scheduler.Lanes(
            start: { job, loop, done in
                if let failure = job.failure {
                    return done(CaseRunner.notExecuted(job.testCase, in: job.suite.suite, reason: failure))
                }
                loopRunner.start(job, loop: loop, done: done)
            },
            execute: { job, client, clock in
                CaseRunner(context: sharedContext, client: client, clock: clock).run(job, redactor: redactor)
            },
            unavailable: { job in
                CaseRunner.notExecuted(
                    job.testCase, in: job.suite.suite,
                    reason: CurlGlobal.problem ?? "libcurl could not create a transfer handle")
            })
        let collector = self.collector
        func record(_ result: CaseResult, index: Int) {
            collector.add(result, index: index)
            for observer in observers { observer.caseFinished(result, index: index, of: total) }
        }
        scheduler.run(
            lanes,
            deliver: { index, result in
                // Checked only for a case that did not pass: a cancelled request never passes. Only a
                // result to be marked is copied; a `var` of every result copied each one whole.
                guard result.verdict != .passed, context.cancellation.isCancelled else {
                    return record(result, index: index)
                }
                var marked = result
                marked.markCutShortIfCancelled()
                record(marked, index: index)
            },
            delivered: { for observer in observers { observer.casesDelivered() } })
        if lock.withLock({ interrupted }) {
            collector.listUndelivered(reason: CaseResult.neverStartedReason) { index, result in
                for observer in observers { observer.caseFinished(result, index: index, of: total) }
            }
            for observer in observers { observer.casesDelivered() }
        }
        let (suites, summary) = collector.gathered
        let result = makeResult(suites: suites, summary: summary)
        for observer in observers { observer.runFinished(result) }
        return result
    }

    /// The result so far of a run still winding down, every case not finished listed as not run:
    /// for a second signal, which writes the reports without waiting for the run to end.
    public func snapshot() -> RunResult {
        let (suites, summary) = collector.snapshot(
            reason: "not run: the run was stopped by a second signal before this case finished")
        var result = makeResult(suites: suites, summary: summary)
        result.interrupted = true
        return result
    }

    private func makeResult(suites: [SuiteResult], summary: RunSummary) -> RunResult {
        var variables: [String: String] = [:]
        for (name, value) in plan.runVariables.values where !plan.runVariables.secretNames.contains(name) {
            variables[name] = value
        }
        let (startedAt, started, interrupted) = lock.withLock { (self.startedAt, self.started, self.interrupted) }
        var result = RunResult(
            target: plan.redactor.redact(context.target), mode: context.mode, startedAt: startedAt,
            durationMs: started.duration(to: .now).milliseconds,
            suites: suites, summary: summary, variables: variables,
            secretNames: plan.runVariables.secretNames.sorted(), interrupted: interrupted)
        result.traceSummary = context.traceAuditor?.summary
        result.openAPISummary = context.openAPI.map { $0.tally.summary(spec: $0.specName) }
        result.shard = plan.shard?.description
        return result
    }
}
