/// How often a step is sent again while it does not pass: `retry {count, interval, until?, within?}`
/// on a case (every step) or on one step, or `--retry N --retry-interval D` for the whole run.
/// It waits for what is not there yet (a deploy, a job that finishes): a retried step's earlier
/// attempts stay in the reports, and only the last one is its verdict.
public struct RetrySpec: Sendable {
    /// Retries after the first attempt: a step is sent at most `count + 1` times.
    public var count: Int
    /// The pause between the end of one attempt and the start of the next.
    public var intervalMs: Int
    /// What ends the retries when it holds (`{status: 200}`); nil: the step's own expectations.
    @Boxed public var until: ResponseExpectation?
    /// A budget for every attempt and pause together: no attempt starts once it is spent.
    public var withinMs: Int?
    public var location: SourceLocation?

    public init(
        count: Int, intervalMs: Int, until: ResponseExpectation? = nil, withinMs: Int? = nil,
        location: SourceLocation? = nil
    ) {
        self.count = count
        self.intervalMs = intervalMs
        self.until = until
        self.withinMs = withinMs
        self.location = location
    }

    /// The run-wide default when `--retry` gives no interval: one second, as curl's `--retry-delay` grows from.
    public static let defaultIntervalMs = 1000
    /// The largest `count`: a step sent 101 times is a load test, not a wait.
    public static let maximumRetries = 100
}
