/// Which waiting case starts first. The cases that will sleep the longest while others send (a
/// replay key's TTL) go first, so their waits pass under other cases' requests; then exclusive
/// cases, which start best before the flight fills up (they wait for it to empty); then streamed
/// cases, which hold a transfer open for their whole answer; then the rest. Plan order within each;
/// exclusive cases keep plan order among themselves, streamed or not (a suite that makes its cases
/// exclusive to see them one at a time, like the trace suite's ledger of ids, sees them as written).
/// Results are still reported in plan order (`InOrderDelivery`).
struct StartOrder: Comparable, Sendable {
    /// The longest the case may sleep while others send, in milliseconds.
    let sleepMs: Int
    let exclusive: Bool
    let streamed: Bool
    /// The case's position in the plan.
    let index: Int

    init(_ testCase: TestCase, index: Int) {
        // A rate limit's cool-down is no such sleep: it keeps the wire (`SchedulerClock`).
        self.init(
            sleepMs: testCase.replay?.ttlMs ?? 0, exclusive: testCase.exclusive,
            streamed: testCase.steps.contains { $0.expect.stream != nil }, index: index)
    }

    init(sleepMs: Int, exclusive: Bool = false, streamed: Bool, index: Int) {
        self.sleepMs = sleepMs
        self.exclusive = exclusive
        self.streamed = streamed
        self.index = index
    }

    /// Whether `first` starts before `second`.
    static func < (first: StartOrder, second: StartOrder) -> Bool {
        if first.sleepMs != second.sleepMs { return first.sleepMs > second.sleepMs }
        if first.exclusive != second.exclusive { return first.exclusive }
        if !first.exclusive, first.streamed != second.streamed { return first.streamed }
        return first.index < second.index
    }
}
