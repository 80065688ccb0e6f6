import Foundation

/// Fires several copies of one request at the same moment, each from its own thread with
/// its own libcurl client (so each gets its own connection), and returns the exchanges in
/// request order. Every exchange still goes through `ExchangePerformer`, so the trace
/// policy audits them.
enum ConcurrentBurst {
    /// One request's outcome; `exchange` is nil when no libcurl client could be created.
    struct Outcome: Sendable {
        var exchange: Exchange?
        var checks: [CheckResult]
    }

    static func fire(
        _ request: HTTPRequest, count: Int, options: TransportOptions, context: RunContext, suite: Suite,
        origin: @escaping @Sendable (Int) -> TraceOrigin?
    ) -> [Outcome] {
        let state = BurstState(count: count)
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            ThreadStack.start {
                let client = CurlClient(cancellation: context.cancellation)
                // Everyone waits at the gate with a client ready, so the requests leave together.
                state.arriveAndWait()
                if let client {
                    let performer = ExchangePerformer(
                        client: client, context: context, suite: suite, origin: origin(index))
                    let (exchange, checks) = performer.perform(request, options: options)
                    state.store(Outcome(exchange: exchange, checks: checks), at: index)
                }
                group.leave()
            }
        }
        group.wait()
        return state.outcomes
    }
}

/// The gate and the result slots shared by a burst's threads.
private final class BurstState: @unchecked Sendable {
    // @unchecked Sendable: the burst's threads share `arrived` and `slots`; all access holds `condition`.
    private let condition = NSCondition()
    private let count: Int
    private var arrived = 0
    private var slots: [ConcurrentBurst.Outcome]

    init(count: Int) {
        self.count = count
        self.slots = Array(repeating: ConcurrentBurst.Outcome(exchange: nil, checks: []), count: count)
    }

    func arriveAndWait() {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        if arrived == count { condition.broadcast() }
        while arrived < count { condition.wait() }
    }

    func store(_ outcome: ConcurrentBurst.Outcome, at index: Int) {
        condition.withLock { slots[index] = outcome }
    }

    var outcomes: [ConcurrentBurst.Outcome] {
        condition.withLock { slots }
    }
}
