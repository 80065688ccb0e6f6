/// Sends every request of a run. Run-wide policies (trace ids) hook in here, so they see
/// every exchange, including the extra requests of replay and rate-limit checks.
struct ExchangePerformer {
    let client: CurlClient
    let context: RunContext
    /// The suite whose policy applies (a suite's `trace` overrides the run's).
    let suite: Suite
    /// Which case sends the requests, so the trace ledger can name it.
    var origin: TraceOrigin? = nil

    /// Performs `request` and returns the exchange with the run-wide checks it gave rise to.
    func perform(_ request: HTTPRequest, options: TransportOptions, observer: (any TransferObserver)? = nil)
        -> (exchange: Exchange, checks: [CheckResult])
    {
        let exchange = client.perform(request, options: options, observer: observer)
        return (exchange, context.audit(exchange, suite: suite, origin: origin))
    }
}
