import Foundation

/// Runs cases on `parallelism` worker threads, each with its own libcurl client (so
/// connections are reused per worker). Steps inside a case stay in order; an
/// `exclusive` case waits until nothing else is in flight and runs alone. Results are
/// handed to `deliver` in plan order, one at a time.
final class Scheduler: @unchecked Sendable {
    // @unchecked: all mutable state below is guarded by `condition`.
    private let condition = NSCondition()
    private let jobs: [Job]
    private var nextJob = 0
    private var inFlight = 0
    private var exclusiveRunning = false
    private var finished: [Int: CaseResult] = [:]
    private var nextToDeliver = 0
    private var cancelled = false
    private let parallelism: Int

    struct Job: Sendable {
        let suite: PlannedSuite
        let testCase: TestCase
    }

    init(plan: RunPlan, parallelism: Int) {
        self.jobs = plan.suites.flatMap { planned in planned.cases.map { Job(suite: planned, testCase: $0) } }
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
        let workers = min(parallelism, max(1, jobs.count))
        let group = DispatchGroup()
        let deliverBox = UncheckedBox(deliver)
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                let client = CurlClient()
                while let index = self.take() {
                    let result = client.map { execute(self.jobs[index], $0) } ?? unavailable(self.jobs[index])
                    self.complete(index, result, deliver: deliverBox.value)
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
    }

    /// The next job this worker may run, waiting while an exclusive case holds the run.
    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancelled || nextJob >= jobs.count { return nil }
            let exclusive = jobs[nextJob].testCase.exclusive
            if !exclusiveRunning && (!exclusive || inFlight == 0) {
                let index = nextJob
                nextJob += 1
                inFlight += 1
                exclusiveRunning = exclusive
                return index
            }
            condition.wait()
        }
    }

    private func complete(_ index: Int, _ result: CaseResult, deliver: (Int, CaseResult) -> Void) {
        condition.lock()
        defer { condition.unlock() }
        inFlight -= 1
        if jobs[index].testCase.exclusive { exclusiveRunning = false }
        finished[index] = result
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
