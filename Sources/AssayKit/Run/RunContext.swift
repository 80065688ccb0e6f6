import Foundation

/// Settings shared by every case of a run. Immutable once the run starts.
public struct RunContext: Sendable {
    public var target: String
    public var mode: PolicyMode
    public var transport: TransportOptions
    public var goldens: GoldenStore
    public var record: RecordMode
    /// Whether `--record` was given on the command line (recording on CI requires it).
    public var recordExplicit: Bool
    public var environment: [String: String]
    /// Applies the trace-id policy to every exchange; nil when no policy is declared anywhere.
    public var traceAuditor: TraceAuditor?
    /// Whether passing steps keep their checks and their exchanges' headers in the results (`-v`,
    /// `--keep-passing`); steps that did not pass always keep checks, headers and bodies.
    public var keepsPassingDetails = false
    /// Whether passing steps keep their bodies too (`-vv`, which prints them).
    public var keepsPassingBodies = false
    /// What the command line set explicitly: it beats the suites' `defaults`.
    public var commandLine = CommandLineOverrides()
    /// The run's stop on an interruption: shared by every copy of the context, every transfer and wait.
    public var cancellation = TransferCancellation()
    /// `--retry`/`--retry-interval` (or the config's `retry`): for every plain step with no `retry` of its own.
    public var retry: RetrySpec?
    /// `--pace` (or the config's `pace`): spaces the starts of every request of the run.
    public var pacer: RequestPacer?
    /// How long a run waits out a 429 on a case that is not about rate limits (`--rate-limit-wait`);
    /// set by itself or by a pace. Nil: a 429 is judged as any other status.
    public var rateLimitWaitMs: Int?

    /// Whether every case must run on a worker, whose clock may wait (`StepAttempts`): a run-wide
    /// retry, pace or 429 rule applies to cases that would otherwise ride the transfer loop.
    var sendsEveryCaseOnWorkers: Bool { retry != nil || pacer != nil || rateLimitWaitMs != nil }
    /// Validates every exchange against an OpenAPI description (`--openapi`); nil when none is given.
    public var openAPI: OpenAPIExchangeCheck?

    public init(
        target: String, mode: PolicyMode, transport: TransportOptions = TransportOptions(), goldens: GoldenStore,
        record: RecordMode = .never, recordExplicit: Bool = false,
        environment: [String: String] = ProcessEnvironment.current(), traceAuditor: TraceAuditor? = nil
    ) {
        self.target = target
        self.mode = mode
        self.transport = transport
        self.goldens = goldens
        self.record = record
        self.recordExplicit = recordExplicit
        self.environment = environment
        self.traceAuditor = traceAuditor
    }

    /// The run-wide checks (trace ids) one exchange gives rise to, under `suite`'s policy.
    func audit(_ exchange: Exchange, suite: Suite, origin: TraceOrigin?) -> [CheckResult] {
        traceAuditor?.audit(exchange, suitePolicy: suite.trace, origin: origin) ?? []
    }

    /// Whether passing checks are given their messages as they are judged. A passing step keeps
    /// only the count of its checks unless passing details are kept, so otherwise the messages are
    /// written only for a step that does not pass. Recording judges once: a second judgement would
    /// compare against the golden the first one wrote.
    var describesPassingChecks: Bool { keepsPassingDetails || keepsPassingBodies || record != .never }

    /// What judging a body against a golden needs from the run.
    var goldenSettings: GoldenSettings {
        GoldenSettings(store: goldens, record: record, recordExplicit: recordExplicit, environment: environment)
    }

    /// How much of its exchanges a step with this verdict keeps.
    func exchangeDetail(for verdict: Verdict) -> ExchangeRecord.Detail {
        if verdict != .passed { return .full }
        if keepsPassingBodies { return .full }
        return keepsPassingDetails ? .headers : .summary
    }
}
