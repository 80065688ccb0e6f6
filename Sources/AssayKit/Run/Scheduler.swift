import Foundation

/// Runs a plan's cases with at most `parallelism` in flight. Steps inside a case stay in order;
/// an `exclusive` case's requests never overlap another case's (`Admission`: it may run while the
/// others only sleep); the cases that wait longest start first (`StartOrder`), and results are
/// handed to `deliver` in plan order, one at a time.
///
/// Two lanes carry the cases:
/// - **loops**: threads each driving a `TransferLoop` (one per two cores, see `LaneLayout`), with the
///   plain cases (`Job.onLoop`) in flight on them: no thread per request, each loop keeping up to
///   its share of the cases in flight and its own connection cache;
/// - **workers**: threads with their own `CurlClient`, one per case in flight, for cases that
///   hold a conversation with the target (streams, replay, rate limits). They start the first
///   time such a case comes up.
///
/// Both take from the head of one queue (in `StartOrder`), so neither overtakes the other. The
/// calling thread feeds the queue from a `PlanCursor`, one suite at a time, whenever fewer than
/// `refillLevel` cases wait, so a big run keeps a bounded number of cases in memory (all in the
/// feeding thread's malloc arena) and a small one is ordered as a whole.
final class Scheduler: @unchecked Sendable {
    // @unchecked: all mutable state below is guarded by `condition`; `cursor` is only used by
    // the thread that called `run`.
    private let condition = NSCondition()
    private var cursor: PlanCursor
    private let caseCount: Int
    /// Cases fed but not yet taken, in reverse `StartOrder` (so taking the next one is a pop).
    private var queue: [Job] = []
    /// Cases fed so far; only the feeding thread uses it.
    private var fed = 0
    private var exhausted = false
    private var admission: Admission
    private var delivery = InOrderDelivery<CaseResult>()
    /// Whether a thread is handing results to the observer; only one does at a time.
    private var delivering = false
    /// Where results go, in plan order; set for the duration of `run`.
    private var deliverResult: ((Int, CaseResult) -> Void)?
    /// Called after each round of results handed to `deliverResult`.
    private var roundDelivered: (() -> Void)?
    private var cancelled = false
    private let parallelism: Int
    /// Whether the worker threads were started (at the first case that needs one).
    private var workersStarted = false
    /// The loop threads, by index: whether each waits on `condition` (else it may be in its
    /// loop's poll), and what ends that poll early (set while the loop lives).
    private var loops: [(waiting: Bool, waker: TransferLoop.Waker?)]
    /// How many cases one loop thread keeps in flight at most, so every loop gets a share.
    private let loopShare: Int
    /// The run's stop, handed to every loop and client so an interruption ends their transfers at once.
    private let cancellation: TransferCancellation?

    /// A class: a job is handed from the queue to a lane and into the loop's completions, and each
    /// hop of a struct this size would retain every member again.
    final class Job: Sendable {
        /// The case's position in the plan.
        let index: Int
        let suite: SharedSuite
        let testCase: TestCase
        /// Why the case cannot run (its suite file could not be read again), if so.
        let failure: String?
        /// Whether the case runs on the transfer loop rather than on a worker thread: plain cases,
        /// and those that cannot run at all (they finish at once).
        let onLoop: Bool
        let order: StartOrder

        init(index: Int, suite: SharedSuite, testCase: TestCase, failure: String?) {
            self.index = index
            self.suite = suite
            self.testCase = testCase
            self.failure = failure
            self.onLoop =
                failure != nil || (testCase.runsOnTransferLoop && !suite.planned.sendsEveryCaseOnWorkers)
            self.order = StartOrder(testCase, index: index)
        }
    }

    /// How the runner runs a case in each lane.
    struct Lanes {
        /// Starts a case on the loop; the outcome is given on the loop's thread.
        let start: (Job, TransferLoop, _ done: @escaping (consuming CaseResult) -> Void) -> Void
        /// Runs a case on a worker thread, with that worker's client and the clock its
        /// conversations wait on.
        let execute: @Sendable (Job, CurlClient, any ConversationClock) -> CaseResult
        /// The result of a case that could not get libcurl handles.
        let unavailable: @Sendable (Job) -> CaseResult
    }

    /// How a conversation's wait passes (tests end it on a readiness signal instead of a time).
    let pause: @Sendable (_ milliseconds: Double) -> Void

    /// `pause` defaults to blocking the worker, ended at once when `cancellation` fires.
    init(
        plan: RunPlan, parallelism: Int, loops: Int, cancellation: TransferCancellation? = nil,
        pause: (@Sendable (_ milliseconds: Double) -> Void)? = nil
    ) {
        self.cancellation = cancellation
        self.pause =
            pause ?? { milliseconds in
                if let cancellation {
                    cancellation.wait(milliseconds: milliseconds)
                } else {
                    SchedulerClock.sleep(milliseconds)
                }
            }
        self.cursor = PlanCursor(plan)
        self.caseCount = plan.caseCount
        self.parallelism = max(1, min(parallelism, 256))
        self.admission = Admission(parallelism: self.parallelism)
        let loopCount = max(1, min(loops, self.parallelism))
        self.loops = Array(repeating: (false, nil), count: loopCount)
        self.loopShare = (self.parallelism + loopCount - 1) / loopCount
    }

    /// Stops handing out new cases; the cases in flight end as their transfers do (at once when the
    /// run's `TransferCancellation` was cancelled too).
    func cancel() {
        condition.lock()
        cancelled = true
        wakeEveryone()
        condition.unlock()
    }

    /// Runs every job and returns when all are done or the run was cancelled. `delivered` follows
    /// each round of `deliver` calls (every result that was ready, in plan order).
    func run(_ lanes: Lanes, deliver: @escaping (Int, CaseResult) -> Void, delivered: @escaping () -> Void = {}) {
        let threads = DispatchGroup()
        deliverResult = deliver
        roundDelivered = delivered
        let lanesBox = UncheckedBox(lanes)
        for index in loops.indices {
            startThread(in: threads) { self.runLoop(index, lanesBox.value) }
        }
        feed { [self] in
            // Called with `condition` locked, once, when the first case that needs a worker is fed.
            for _ in 0..<min(parallelism, caseCount) {
                startThread(in: threads) { self.runWorker(lanesBox.value) }
            }
        }
        threads.wait()
    }

    private func startThread(in group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        ThreadStack.start {
            body()
            group.leave()
        }
    }

    /// The loop lane: starts every loop case it may, then lets the loop run until transfers end.
    /// The cases one poll finishes are completed together, so they are delivered (and printed) as
    /// one round.
    private func runLoop(_ index: Int, _ lanes: Lanes) {
        var polled: [Completed] = []
        // Only while the loop polls: a case that ends as it starts must leave the flight at once,
        // before the lane takes another.
        var polling = false
        guard let loop = TransferLoop(connections: loopShare, cancellation: cancellation) else {
            while let job = take(loop: index, wait: true) {
                complete(job, lanes.unavailable(job))
            }
            return
        }
        condition.withLock { loops[index].waker = loop.waker }
        // Other threads wake the loop through its multi handle: it must outlive the last of them,
        // so the waker is withdrawn (under the lock they wake it with) while the loop still lives.
        defer { withExtendedLifetime(loop) { condition.withLock { loops[index].waker = nil } } }
        while true {
            // With nothing in flight on the loop, wait for a case to start (or the end of the run).
            while loop.pending < loopShare, let job = take(loop: index, wait: loop.pending == 0) {
                lanes.start(job, loop) { [self] result in
                    if polling {
                        polled.append(Completed(job: job, result: result))
                    } else {
                        complete(job, result)
                    }
                }
            }
            if loop.pending == 0 { return }
            polling = true
            loop.poll(timeout: .seconds(1))
            polling = false
            if !polled.isEmpty { complete(&polled) }
        }
    }

    /// A worker: runs cases that need a thread of their own, one at a time.
    private func runWorker(_ lanes: Lanes) {
        let client = CurlClient(cancellation: cancellation)
        while let job = take(loop: nil, wait: true) {
            let clock = SchedulerClock(scheduler: self, job: job)
            let result = client.map { lanes.execute(job, $0, clock) } ?? lanes.unavailable(job)
            complete(job, result)
        }
    }

    /// Below this many waiting cases the next suite is loaded: enough that the lanes rarely wait
    /// for it and that a run of a few hundred cases is ordered as a whole, few enough that a run
    /// of any size keeps about this many cases (and one suite's) in memory.
    private var refillLevel: Int { max(2 * parallelism, 256) }

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
            // By index: `enumerated().reversed()` would copy every case into a tuple array first.
            let suite = SharedSuite(batch.suite)
            let jobs = batch.cases.indices.reversed().map { offset in
                Job(index: fed + offset, suite: suite, testCase: batch.cases[offset], failure: batch.failure)
            }
            fed += jobs.count
            condition.lock()
            if !workersStarted && jobs.contains(where: { !$0.onLoop }) {
                workersStarted = true
                startWorkers()
            }
            queue += jobs
            queue.sort { $0.order > $1.order }
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
    private func take(loop: Int?, wait: Bool) -> Job? {
        let onLoop = loop != nil
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancelled { return nil }
            if let job = queue.last {
                if job.onLoop == onLoop && admission.mayStart(exclusive: job.testCase.exclusive) {
                    queue.removeLast()
                    admission.start(exclusive: job.testCase.exclusive)
                    if queue.count == refillLevel { condition.broadcast() }
                    wakeForHead()
                    return job
                }
            } else if exhausted {
                return nil
            }
            guard wait else { return nil }
            if let loop { loops[loop].waiting = true }
            condition.wait()
            if let loop { loops[loop].waiting = false }
        }
    }

    /// A case's conversation starts to wait: it sends nothing meanwhile, so other cases may.
    func sleeping(_ job: Job) {
        condition.lock()
        defer { condition.unlock() }
        admission.sleep(exclusive: job.testCase.exclusive)
        wakeEveryone()
    }

    /// A case's wait is over; returns once it may send again. A cancelled run waits too: the
    /// cases in flight finish, and their requests still keep exclusivity.
    func resuming(_ job: Job) {
        let exclusive = job.testCase.exclusive
        condition.lock()
        defer { condition.unlock() }
        admission.wantToWake()
        while !admission.maySend(exclusive: exclusive) { condition.wait() }
        admission.wake(exclusive: exclusive)
        wakeEveryone()
    }

    /// Call with `condition` locked: wakes whoever waits, on the condition or in the loop's poll.
    private func wakeEveryone() {
        condition.broadcast()
        for loop in loops where !loop.waiting { loop.waker?.wakeUp() }
    }

    /// Call with `condition` locked, after the head of the queue changed or room was made: wakes
    /// the threads that may now take the head (or see the end of the run). Threads busy with
    /// cases of their own find the head by themselves, so only those waiting on `condition` count.
    private func wakeForHead() {
        guard let head = queue.last else {
            if exhausted { wakeEveryone() }
            return
        }
        if head.onLoop ? loops.contains(where: \.waiting) : workersStarted { condition.broadcast() }
    }

    /// A case whose requests are done, with its result.
    private struct Completed {
        let job: Job
        let result: CaseResult
    }

    /// Cases whose requests are done leave the flight, and what is ready is delivered: every case
    /// one poll of a loop finished, as one round. The round is emptied (its buffer kept for the
    /// next): each result is moved out of it into the delivery, not copied. The order within a
    /// round does not matter, since the delivery puts results in plan order.
    private func complete(_ round: inout [Completed]) {
        condition.lock()
        defer { condition.unlock() }
        while let item = round.popLast() {
            leaveFlight(item.job)
            delivery.arrive(item.job.index, item.result)
        }
        deliverReady()
    }

    /// One case whose requests are done (from a worker, or a loop's case that ended as it started).
    private func complete(_ job: Job, _ result: consuming CaseResult) {
        var round = [Completed(job: job, result: result)]
        complete(&round)
    }

    /// Call with `condition` locked.
    private func leaveFlight(_ job: Job) {
        admission.leave(exclusive: job.testCase.exclusive)
        // A loop polling its transfers finds room for its own cases by itself, so most completions
        // wake nobody; an exclusive case ending or waiting for the flight to empty, or a worker's
        // case ending, may let a polling loop go on.
        let exclusiveMayStart = admission.sending == 0 && queue.last?.testCase.exclusive == true
        if job.testCase.exclusive || exclusiveMayStart || !job.onLoop || admission.waking > 0 {
            wakeEveryone()
        } else {
            wakeForHead()
        }
    }

    /// Call with `condition` locked; returns with it locked. Hands every result that is next in plan
    /// order to the observer. The observer sees one call at a time, in plan order: one thread at a
    /// time takes the delivering role, and it calls the observer with the lock released, so the
    /// lanes keep taking and completing cases meanwhile (the console's write holds up no case).
    private func deliverReady() {
        guard !delivering, let deliver = deliverResult else { return }
        delivering = true
        while true {
            let ready = delivery.takeReady()
            if ready.isEmpty { break }
            condition.unlock()
            for item in ready { deliver(item.index, item.result) }
            roundDelivered?()
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
