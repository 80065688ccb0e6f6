import Foundation

/// Runs a plan's cases with at most `parallelism` in flight. Steps inside a case stay in
/// order; an `exclusive` case waits until nothing else is in flight and runs alone; cases
/// start in plan order, and their results are handed to `deliver` in plan order, one at a time.
///
/// Two lanes carry the cases:
/// - the **loop**: one thread driving a `TransferLoop`, with every plain case in flight on it
///   (`Job.onLoop`): no thread per request, one connection cache;
/// - **workers**: threads with their own `CurlClient`, one per case in flight, for cases that
///   hold a conversation with the target (streams, replay, rate limits). They start the first
///   time such a case comes up.
///
/// Both take from the head of one queue, so neither overtakes the other. The calling thread
/// feeds the queue from a `PlanCursor`, one suite at a time, when it is about to run out, so
/// only about one suite's cases are in memory (and all in the feeding thread's malloc arena).
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
    /// Whether the worker threads were started (at the first case that needs one).
    private var workersStarted = false
    /// Whether the loop thread is waiting on `condition` (else it may be in the loop's poll).
    private var loopWaiting = false
    /// Ends the loop's poll early: set while the loop lives.
    private var loopWaker: TransferLoop.Waker?

    struct Job: Sendable {
        /// The case's position in the plan.
        let index: Int
        let suite: PlannedSuite
        let testCase: TestCase
        /// Why the case cannot run (its suite file could not be read again), if so.
        let failure: String?
        /// Whether the case runs on the transfer loop rather than on a worker thread: plain cases,
        /// and those that cannot run at all (they finish at once).
        let onLoop: Bool
    }

    /// How the runner runs a case in each lane.
    struct Lanes {
        /// Starts a case on the loop; the outcome is given on the loop's thread.
        let start: (Job, TransferLoop, _ done: @escaping (CaseOutcome) -> Void) -> Void
        /// Runs a case on a worker thread, with that worker's client.
        let execute: @Sendable (Job, CurlClient) -> CaseOutcome
        /// The result of a case that could not get libcurl handles.
        let unavailable: @Sendable (Job) -> CaseResult
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
        wakeEveryone()
        condition.unlock()
    }

    /// Runs every job and returns when all are done or the run was cancelled.
    func run(_ lanes: Lanes, deliver: @escaping (Int, CaseResult) -> Void) {
        let threads = DispatchGroup()
        let judging = DispatchGroup()
        // Judgements handed back undone run here, one at a time, while the lanes send on.
        let judge = DispatchQueue(label: "assay.judge")
        let deliverBox = UncheckedBox(deliver)
        let lanesBox = UncheckedBox(lanes)
        let finish: @Sendable (Job, CaseOutcome) -> Void = { [self] job, outcome in
            switch outcome {
            case .finished(let result):
                self.complete(job, result, deliver: deliverBox.value)
            case .judging(let work):
                // Its requests are done: the case no longer counts as in flight.
                self.release(job)
                judge.async(group: judging) { self.deliver(job, work(), deliver: deliverBox.value) }
            }
        }
        startThread(in: threads) { self.runLoop(lanesBox.value, finish: finish) }
        feed { [self] in
            // Called with `condition` locked, once, when the first case that needs a worker is fed.
            for _ in 0..<min(parallelism, caseCount) {
                startThread(in: threads) { self.runWorker(lanesBox.value, finish: finish) }
            }
        }
        threads.wait()
        judging.wait()
    }

    private func startThread(in group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The loop lane: starts every loop case it may, then lets the loop run until transfers end.
    private func runLoop(_ lanes: Lanes, finish: @escaping @Sendable (Job, CaseOutcome) -> Void) {
        guard let loop = TransferLoop(connections: parallelism) else {
            while let job = take(onLoop: true, wait: true) { finish(job, .finished(lanes.unavailable(job))) }
            return
        }
        condition.withLock { loopWaker = loop.waker }
        defer { condition.withLock { loopWaker = nil } }
        while true {
            // With nothing in flight on the loop, wait for a case to start (or the end of the run).
            while let job = take(onLoop: true, wait: loop.pending == 0) {
                lanes.start(job, loop) { finish(job, $0) }
            }
            if loop.pending == 0 { return }
            loop.poll(timeout: .seconds(1))
        }
    }

    /// A worker: runs cases that need a thread of their own, one at a time.
    private func runWorker(_ lanes: Lanes, finish: @escaping @Sendable (Job, CaseOutcome) -> Void) {
        let client = CurlClient()
        while let job = take(onLoop: false, wait: true) {
            finish(job, client.map { lanes.execute(job, $0) } ?? .finished(lanes.unavailable(job)))
        }
    }

    /// Below this many waiting cases the next suite is loaded, so the lanes rarely wait for it.
    private var refillLevel: Int { 2 * parallelism }

    /// Loads suite after suite into the queue, each once the lanes are close to running out.
    /// `startWorkers` runs (locked) the first time a case that needs a worker is queued.
    private func feed(startWorkers: () -> Void) {
        while true {
            condition.lock()
            while !cancelled && queue.count > refillLevel { condition.wait() }
            let stop = cancelled
            condition.unlock()
            // The next suite is loaded with the lock released, so the lanes keep taking and delivering.
            guard !stop, let batch = cursor.next() else { break }
            let jobs = batch.cases.enumerated().reversed().map { offset, testCase in
                Job(
                    index: fed + offset, suite: batch.suite, testCase: testCase, failure: batch.failure,
                    onLoop: batch.failure != nil || testCase.runsOnTransferLoop)
            }
            fed += jobs.count
            condition.lock()
            if !workersStarted && jobs.contains(where: { !$0.onLoop }) {
                workersStarted = true
                startWorkers()
            }
            // The new suite's cases come after those still waiting, which sit at the end.
            queue = jobs + queue
            wakeEveryone()
            condition.unlock()
        }
        condition.lock()
        exhausted = true
        wakeEveryone()
        condition.unlock()
    }

    /// The next job for a lane, or nil when the lane has nothing left to do (or, without `wait`,
    /// nothing to start right now). A lane only takes the head of the queue, and only when it
    /// belongs to that lane and no exclusive case holds the run.
    private func take(onLoop: Bool, wait: Bool) -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancelled { return nil }
            if let job = queue.last {
                if job.onLoop == onLoop && inFlight < parallelism && !exclusiveRunning
                    && (!job.testCase.exclusive || inFlight == 0)
                {
                    queue.removeLast()
                    inFlight += 1
                    exclusiveRunning = job.testCase.exclusive
                    if queue.count == refillLevel { condition.broadcast() }
                    // The head changed hands: the other lane may be waiting for what is now first.
                    if queue.last.map({ $0.onLoop != onLoop }) ?? exhausted { wakeOtherLane(than: onLoop) }
                    return job
                }
            } else if exhausted {
                return nil
            }
            guard wait else { return nil }
            if onLoop { loopWaiting = true }
            condition.wait()
            if onLoop { loopWaiting = false }
        }
    }

    /// Call with `condition` locked: wakes whoever waits, on the condition or in the loop's poll.
    private func wakeEveryone() {
        condition.broadcast()
        if !loopWaiting { loopWaker?.wakeUp() }
    }

    /// Call with `condition` locked: wakes the lane that is not `onLoop`'s.
    private func wakeOtherLane(than onLoop: Bool) {
        if onLoop {
            if workersStarted { condition.broadcast() }
        } else {
            wakeEveryone()
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
        // A lane waits for room only when the other lane (or an exclusive case) holds it. The loop
        // finds room for its own cases by itself, so its own completions wake nobody, unless an
        // exclusive case ends or waits for the flight to empty.
        let exclusiveMayStart = inFlight == 0 && queue.last?.testCase.exclusive == true
        if job.testCase.exclusive || exclusiveMayStart || !job.onLoop {
            wakeEveryone()
        } else if workersStarted && queue.last?.onLoop == false {
            condition.broadcast()
        }
    }

    /// Call with `condition` locked; returns with it locked. The observer sees one call at a time,
    /// in plan order: one thread at a time takes the delivering role, and it calls the observer
    /// with the lock released, so the lanes keep taking and completing cases meanwhile (the
    /// console's write no longer holds up every case).
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
