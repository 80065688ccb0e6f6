import Foundation

/// Runs cases on `parallelism` worker threads, each with its own libcurl client (so
/// connections are reused per worker). Steps inside a case stay in order; an
/// `exclusive` case waits until nothing else is in flight and runs alone. Results are
/// handed to `deliver` in plan order, one at a time.
///
/// Cases come from a `PlanCursor`, one at a time, so only the suite being run is in memory;
/// the worker that pulls the next case does so outside the lock, so a suite file being
/// loaded does not hold up the delivery of finished cases.
final class Scheduler: @unchecked Sendable {
    // @unchecked: all mutable state below is guarded by `condition`; `cursor` is used only by the
    // worker that set `fetching`, and the lock orders one fetcher's use before the next.
    private let condition = NSCondition()
    private var cursor: PlanCursor
    private let caseCount: Int
    /// The next case in plan order, pulled from the cursor but not yet taken by a worker.
    private var upcoming: Job?
    private var fetched = 0
    private var fetching = false
    private var exhausted = false
    private var inFlight = 0
    private var exclusiveRunning = false
    private var finished: [Int: CaseResult] = [:]
    private var nextToDeliver = 0
    private var cancelled = false
    private let parallelism: Int

    struct Job: Sendable {
        /// The case's position in the plan.
        let index: Int
        let suite: PlannedSuite
        let testCase: TestCase
        /// Why the case cannot run (its suite file could not be read again), if so.
        let failure: String?
    }

    init(plan: RunPlan, parallelism: Int) {
        self.cursor = PlanCursor(plan)
        self.caseCount = plan.caseCount
        self.parallelism = max(1, min(parallelism, 256))
    }

    /// Stops handing out new cases; cases in flight finish (their transfers are bounded by timeouts).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Runs every job and returns when all are done or the run was cancelled.
    func run(
        execute: @escaping @Sendable (Job, CurlClient) -> CaseResult,
        unavailable: @escaping @Sendable (Job) -> CaseResult,
        deliver: @escaping (Int, CaseResult) -> Void
    ) {
        let workers = min(parallelism, max(1, caseCount))
        let group = DispatchGroup()
        let deliverBox = UncheckedBox(deliver)
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                let client = CurlClient()
                while let job = self.take() {
                    let result = client.map { execute(job, $0) } ?? unavailable(job)
                    self.complete(job, result, deliver: deliverBox.value)
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
    }

    /// The next job this worker may run, waiting while an exclusive case holds the run.
    private func take() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancelled { return nil }
            guard let job = upcoming else {
                if exhausted { return nil }
                if fetching {
                    condition.wait()
                } else {
                    fetch()
                }
                continue
            }
            if !exclusiveRunning && (!job.testCase.exclusive || inFlight == 0) {
                upcoming = nil
                inFlight += 1
                exclusiveRunning = job.testCase.exclusive
                return job
            }
            condition.wait()
        }
    }

    /// Pulls the next case from the cursor with the lock released (called and returning with it held).
    private func fetch() {
        fetching = true
        condition.unlock()
        let item = cursor.next()
        condition.lock()
        fetching = false
        if let item {
            upcoming = Job(index: fetched, suite: item.suite, testCase: item.testCase, failure: item.failure)
            fetched += 1
        } else {
            exhausted = true
        }
        condition.broadcast()
    }

    private func complete(_ job: Job, _ result: CaseResult, deliver: (Int, CaseResult) -> Void) {
        condition.lock()
        defer { condition.unlock() }
        inFlight -= 1
        if job.testCase.exclusive { exclusiveRunning = false }
        finished[job.index] = result
        // Deliver under the lock so the observer sees one call at a time, in plan order.
        while let ready = finished.removeValue(forKey: nextToDeliver) {
            deliver(nextToDeliver, ready)
            nextToDeliver += 1
        }
        condition.broadcast()
    }
}

/// Carries a non-Sendable value into worker threads whose access is serialized elsewhere.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
