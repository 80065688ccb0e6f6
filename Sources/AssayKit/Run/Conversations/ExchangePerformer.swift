/// Sends every request of a run. Run-wide policies (trace ids) hook in here, so they see
/// every exchange, including the extra requests of replay and rate-limit checks.
struct ExchangePerformer: Performer {
    let client: CurlClient
    let context: RunContext
    /// The suite whose policy applies (a suite's `trace` overrides the run's).
    let suite: Suite
    /// Which case sends the requests, so the trace ledger can name it.
    var origin: TraceOrigin? = nil
    /// Whether the run's pace (`RequestPacer`) spaces these requests.
    var paced = true

    /// Performs `request` and returns the exchange with the run-wide checks it gave rise to.
    func perform(_ request: HTTPRequest, options: TransportOptions, observer: (any TransferObserver)? = nil)
        -> (exchange: Exchange, checks: [CheckResult])
    {
        if paced { context.pacer?.waitForTurn(on: SystemConversationClock(cancellation: context.cancellation)) }
        let exchange = client.perform(request, options: options, observer: observer)
        return (exchange, context.audit(exchange, suite: suite, origin: origin))
    }

    func perform(_ request: HTTPRequest, options: TransportOptions, label: String?, replayKey: String?)
        -> (exchange: Exchange, checks: [CheckResult])
    {
        var labelled = self
        if let label { labelled.origin?.request = label }
        if let replayKey { labelled.origin?.replayKey = replayKey }
        return labelled.perform(request, options: options)
    }

    func performAtOnce(
        _ request: HTTPRequest, count: Int, options: TransportOptions, label: @escaping @Sendable (Int) -> String,
        replayKey: String?
    ) -> [ConcurrentBurst.Outcome] {
        let origin = self.origin
        return ConcurrentBurst.fire(
            request, count: count, options: options, context: context, suite: suite,
            origin: { index in
                var labelled = origin
                labelled?.request = label(index)
                if let replayKey { labelled?.replayKey = replayKey }
                return labelled
            })
    }
}
