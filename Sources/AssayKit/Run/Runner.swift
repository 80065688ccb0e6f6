import Foundation

/// Executes a plan: schedules cases, streams each result to the observers in plan order,
/// and returns the whole result tree. Interruption (`cancel()`) still yields a result
/// holding every case that finished, marked `interrupted`.
public final class Runner: @unchecked Sendable {
    // @unchecked: `scheduler` is set once before workers start; `results` is only touched
    // from the scheduler's serialized delivery and after `run` returns.
    /// The plan's suites and variables; their cases belong to the scheduler, which lets
    /// each go when it has run (streamed suites are read from their files in turn).
    public let plan: RunPlan
    public let context: RunContext
    public let parallelism: Int
    private let scheduler: Scheduler
    private let layout: LaneLayout
    private let lock = NSLock()
    private var interrupted = false

    public convenience init(plan: RunPlan, context: RunContext, parallelism: Int = 1) {
        self.init(plan: plan, context: context, parallelism: parallelism, layout: LaneLayout(parallelism: parallelism))
    }

    /// A runner with its lanes laid out as given, not as this machine's cores suggest (for tests).
    init(plan: RunPlan, context: RunContext, parallelism: Int, layout: LaneLayout) {
        self.layout = layout
        var scheduled = plan
        if context.sendsEveryCaseOnWorkers {
            for index in scheduled.suites.indices { scheduled.suites[index].sendsEveryCaseOnWorkers = true }
        }
        self.scheduler = Scheduler(plan: scheduled, parallelism: parallelism, loops: layout.loops)
        // The scheduler's cursor owns the cases now; the runner keeps the suites' headers only.
        var headers = plan
        for index in headers.suites.indices { headers.suites[index].cases = [] }
        self.plan = headers
        self.context = context
        self.parallelism = parallelism
    }

    /// Asks the run to stop after the cases in flight (e.g. on SIGINT).
    public func cancel() {
        lock.withLock { interrupted = true }
        scheduler.cancel()
    }

    /// Runs the plan, notifying `observers`, and returns the result tree.
    @discardableResult
    public func run(observers: [any RunObserver]) -> RunResult {
        CurlGlobal.initialize()
        let startedAt = Date()
        let started = ContinuousClock.now
        for observer in observers { observer.runStarted(plan: plan, context: context) }
        // Each result goes straight into its suite's list (sized up front), so the run holds one copy
        // of every result, with no spare capacity, until the reports are written.
        var suites = plan.suites.map { planned in
            var cases: [CaseResult] = []
            cases.reserveCapacity(planned.selection.count)
            return SuiteResult(name: planned.suite.name, file: planned.suite.file, cases: cases)
        }
        let boundaries = plan.suites.reduce(into: [0]) { $0.append($0.last! + $1.selection.count) }
        var summary = RunSummary()
        var currentSuite = 0
        let total = plan.caseCount
        let context = self.context
        let redactor = plan.redactor
        let defersJudgement = layout.defersJudgement
        let loopRunner = LoopCaseRunner(context: context, redactor: redactor, defersLastJudgement: defersJudgement)
        let lanes = Scheduler.Lanes(
            start: { job, loop, done in
                if let failure = job.failure {
                    return done(.finished(CaseRunner.notExecuted(job.testCase, in: job.suite.suite, reason: failure)))
                }
                loopRunner.start(job.testCase, in: job.suite, loop: loop, done: done)
            },
            execute: { job, client in
                CaseRunner(context: context, client: client).run(
                    job.testCase, in: job.suite, redactor: redactor, defersLastJudgement: defersJudgement)
            },
            unavailable: { job in
                CaseRunner.notExecuted(
                    job.testCase, in: job.suite.suite,
                    reason: CurlGlobal.problem ?? "libcurl could not create a transfer handle")
            })
        scheduler.run(
            lanes,
            deliver: { index, result in
                // Results arrive in plan order; an interrupted run leaves later suites empty.
                while currentSuite + 1 < boundaries.count - 1, index >= boundaries[currentSuite + 1] {
                    currentSuite += 1
                }
                suites[currentSuite].cases.append(result)
                summary.add(result.verdict)
                for observer in observers { observer.caseFinished(result, index: index, of: total) }
            },
            delivered: { for observer in observers { observer.casesDelivered() } })
        var variables: [String: String] = [:]
        for (name, value) in plan.runVariables.values where !plan.runVariables.secretNames.contains(name) {
            variables[name] = value
        }
        var result = RunResult(
            target: plan.redactor.redact(context.target), mode: context.mode, startedAt: startedAt,
            durationMs: started.duration(to: .now).milliseconds,
            suites: suites, summary: summary, variables: variables,
            secretNames: plan.runVariables.secretNames.sorted(), interrupted: lock.withLock { interrupted })
        result.traceSummary = context.traceAuditor?.summary
        result.shard = plan.shard?.description
        for observer in observers { observer.runFinished(result) }
        return result
    }
}
