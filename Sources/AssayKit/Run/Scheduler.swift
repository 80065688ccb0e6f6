import Foundation

/// Runs cases on `parallelism` worker threads, each with its own libcurl client (so
/// connections are reused per worker). Steps inside a case stay in order; an
/// `exclusive` case waits until nothing else is in flight and runs alone. Results are
/// handed to `deliver` in plan order, one at a time.
///
/// The calling thread feeds the workers from a `PlanCursor`, one suite at a time, when
/// they are about to run out, so only about one suite's cases are in memory. Loading on
/// that one thread also keeps the suites' allocations in one malloc arena instead of
/// fragmenting every worker's.
final class Scheduler: @unchecked Sendable {
    // @unchecked: all mutable state below is guarded by `condition`; `cursor` is only used by
    // the thread that called `run`.
    private let condition = NSCondition()
    private var cursor: PlanCursor
    private let caseCount: Int
    /// Cases fed but not yet taken, the next one last (so taking one is a pop).
    private var queue: [Job] = []
    /// Cases fed so far; only the feeding thread uses it.
    private var fed = 0
    private var exhausted = false
    private var inFlight = 0
    private var exclusiveRunning = false
    private var finished: [Int: CaseResult] = [:]
    private var nextToDeliver = 0
    /// Whether a thread is handing results to the observer; only one does at a time.
    private var delivering = false
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
        execute: @escaping @Sendable (Job, CurlClient) -> CaseOutcome,
        unavailable: @escaping @Sendable (Job) -> CaseResult,
        deliver: @escaping (Int, CaseResult) -> Void
    ) {
        let workers = min(parallelism, max(1, caseCount))
        let group = DispatchGroup()
        let judging = DispatchGroup()
        // Judgements handed back by workers run here, one at a time, while the workers send on.
        let judge = DispatchQueue(label: "assay.judge")
        let deliverBox = UncheckedBox(deliver)
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                let client = CurlClient()
                while let job = self.take() {
                    switch client.map({ execute(job, $0) }) ?? .finished(unavailable(job)) {
                    case .finished(let result):
                        self.complete(job, result, deliver: deliverBox.value)
                    case .judging(let work):
                        // Its requests are done: the case no longer counts as in flight.
                        self.release(job)
                        judge.async(group: judging) { self.deliver(job, work(), deliver: deliverBox.value) }
                    }
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        feed()
        group.wait()
        judging.wait()
    }

    /// Below this many waiting cases the next suite is loaded, so workers rarely wait for it.
    private var refillLevel: Int { 2 * parallelism }

    /// Loads suite after suite into the queue, each once the workers are close to running out.
    private func feed() {
        while true {
            condition.lock()
            while !cancelled && queue.count > refillLevel { condition.wait() }
            let stop = cancelled
            condition.unlock()
            // The next suite is loaded with the lock released, so workers keep taking and delivering.
            guard !stop, let batch = cursor.next() else { break }
            let jobs = batch.cases.enumerated().reversed().map {
                Job(index: fed + $0.offset, suite: batch.suite, testCase: $0.element, failure: batch.failure)
            }
            fed += jobs.count
            condition.lock()
            // The new suite's cases come after those still waiting, which sit at the end.
            queue = jobs + queue
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        exhausted = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next job this worker may run, waiting while an exclusive case holds the run.
    private func take() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancelled { return nil }
            if let job = queue.last {
                if !exclusiveRunning && (!job.testCase.exclusive || inFlight == 0) {
                    queue.removeLast()
                    inFlight += 1
                    exclusiveRunning = job.testCase.exclusive
                    if queue.count == refillLevel { condition.broadcast() }
                    return job
                }
            } else if exhausted {
                return nil
            }
            condition.wait()
        }
    }

    /// A case's requests are done and its result is here: it leaves the flight and is delivered.
    private func complete(_ job: Job, _ result: CaseResult, deliver: (Int, CaseResult) -> Void) {
        condition.lock()
        defer { condition.unlock() }
        leaveFlight(job)
        store(job, result, deliver: deliver)
    }

    /// A case's requests are done but its result is still being judged.
    private func release(_ job: Job) {
        condition.lock()
        defer { condition.unlock() }
        leaveFlight(job)
    }

    /// A judged case's result arrives.
    private func deliver(_ job: Job, _ result: CaseResult, deliver: (Int, CaseResult) -> Void) {
        condition.lock()
        defer { condition.unlock() }
        store(job, result, deliver: deliver)
    }

    /// Call with `condition` locked.
    private func leaveFlight(_ job: Job) {
        inFlight -= 1
        if job.testCase.exclusive { exclusiveRunning = false }
        // Only an exclusive case waits for others to finish; waking everyone per case would cost
        // the feeder and idle workers a context switch each.
        if job.testCase.exclusive || (inFlight == 0 && queue.last?.testCase.exclusive == true) {
            condition.broadcast()
        }
    }

    /// Call with `condition` locked; returns with it locked. The observer sees one call at a time,
    /// in plan order: one thread at a time takes the delivering role, and it calls the observer
    /// with the lock released, so the other workers keep taking and completing cases meanwhile
    /// (the console's write no longer holds up every worker).
    private func store(_ job: Job, _ result: CaseResult, deliver: (Int, CaseResult) -> Void) {
        finished[job.index] = result
        guard !delivering else { return }
        delivering = true
        while true {
            var ready: [(index: Int, result: CaseResult)] = []
            while let next = finished.removeValue(forKey: nextToDeliver) {
                ready.append((nextToDeliver, next))
                nextToDeliver += 1
            }
            if ready.isEmpty { break }
            condition.unlock()
            for item in ready { deliver(item.index, item.result) }
            condition.lock()
        }
        delivering = false
    }
}

/// Carries a non-Sendable value into worker threads whose access is serialized elsewhere.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
