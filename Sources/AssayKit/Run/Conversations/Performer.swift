/// Sends the requests of a conversation (replay, rate limit, a stream's non-streamed comparison). The run sends through
/// `ExchangePerformer` (libcurl, with the trace audit); tests answer from a script, so a
/// conversation's rules are checked without a server or a wait.
protocol Performer {
    /// Sends one request, labelled for messages and the trace ledger (nil: the case's own request;
    /// `replayKey` marks requests that may repeat a trace id), and returns the exchange with the
    /// run-wide checks it gave rise to.
    func perform(_ request: HTTPRequest, options: TransportOptions, label: String?, replayKey: String?)
        -> (exchange: Exchange, checks: [CheckResult])

    /// Sends `count` copies of `request` at the same moment, each on its own connection, labelled by
    /// index; the outcomes come back in request order.
    func performAtOnce(
        _ request: HTTPRequest, count: Int, options: TransportOptions, label: @escaping @Sendable (Int) -> String,
        replayKey: String?
    ) -> [ConcurrentBurst.Outcome]
}
