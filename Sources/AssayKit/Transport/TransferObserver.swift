/// What an observer wants after seeing an event of a transfer in progress.
public enum TransferDecision: Sendable, Hashable {
    /// Keep receiving.
    case proceed
    /// End the transfer now; the exchange records `stoppedByObserver` and no failure.
    case stop
}

/// Watches a transfer while it streams, on the thread that calls `CurlClient.perform`.
///
/// Calls arrive in order: `didReceiveHead` once, when the final header block ends (not for 1xx
/// or followed redirects), then `didReceive` per body chunk as it arrives. `tick` is called
/// every `TransportOptions.tickInterval` or so, also while idle, so deadline checks need no
/// thread of their own.
public protocol TransferObserver: AnyObject {
    /// The final response head has arrived.
    func didReceiveHead(status: Int, headers: HTTPHeaders, at instant: ContinuousClock.Instant)
    /// Body bytes arrived; the buffer is valid only during the call (copy what you keep).
    func didReceive(_ bytes: UnsafeRawBufferPointer, at instant: ContinuousClock.Instant) -> TransferDecision
    /// Time passed; return `.stop` to end the transfer (e.g. a deadline expired).
    func tick(at instant: ContinuousClock.Instant) -> TransferDecision
    /// Whether streamed bytes are also kept in the exchange's response body (up to the cap).
    var keepsBody: Bool { get }
}

extension TransferObserver {
    /// By default the head is not needed.
    public func didReceiveHead(status: Int, headers: HTTPHeaders, at instant: ContinuousClock.Instant) {}
    /// By default time does not matter.
    public func tick(at instant: ContinuousClock.Instant) -> TransferDecision { .proceed }
    /// By default streamed bytes are kept too: reports need them.
    public var keepsBody: Bool { true }
}
