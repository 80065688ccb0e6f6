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
    private let lock = NSLock()
    private var interrupted = false

    public init(plan: RunPlan, context: RunContext, parallelism: Int = 1) {
        self.scheduler = Scheduler(plan: plan, parallelism: parallelism)
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
        var results: [CaseResult] = []
        let total = plan.caseCount
        let context = self.context
        let redactor = plan.redactor
        scheduler.run(
            execute: { job, client in
                if let failure = job.failure {
                    return CaseRunner.notExecuted(job.testCase, in: job.suite, reason: failure)
                }
                return CaseRunner(context: context, client: client).run(job.testCase, in: job.suite, redactor: redactor)
            },
            unavailable: { job in
                CaseRunner.notExecuted(
                    job.testCase, in: job.suite, reason: "libcurl could not create a transfer handle")
            },
            deliver: { index, result in
                results.append(result)
                for observer in observers { observer.caseFinished(result, index: index, of: total) }
            })
        var suites: [SuiteResult] = []
        var offset = 0
        for planned in plan.suites {
            // An interrupted run reaches only some suites; the others are reported empty.
            let start = min(offset, results.count)
            let end = min(offset + planned.selection.count, results.count)
            suites.append(
                SuiteResult(name: planned.suite.name, file: planned.suite.file, cases: Array(results[start..<end])))
            offset += planned.selection.count
        }
        var variables: [String: String] = [:]
        for (name, value) in plan.runVariables.values where !plan.runVariables.secretNames.contains(name) {
            variables[name] = value
        }
        var result = RunResult(
            target: plan.redactor.redact(context.target), mode: context.mode, startedAt: startedAt,
            durationMs: started.duration(to: .now).milliseconds,
            suites: suites, summary: RunSummary(cases: results), variables: variables,
            secretNames: plan.runVariables.secretNames.sorted(), interrupted: lock.withLock { interrupted })
        result.traceSummary = context.traceAuditor?.summary
        result.shard = plan.shard?.description
        for observer in observers { observer.runFinished(result) }
        return result
    }
}
