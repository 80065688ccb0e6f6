import Foundation

/// Bridges libcurl's streaming callbacks to the SSE module: every chunk goes through the recorder
/// (parser plus timeline) and the watch, and the transfer stops as soon as the watch says waiting
/// longer cannot change the verdict (terminator seen, or a ceiling already exceeded).
///
/// The body can be endless, so the transport keeps none of it (`keepsBody` is false); the recorder
/// keeps the events, and a bounded prefix of raw bytes is kept for reports.
/// Not `Sendable`: the transport calls it on the thread that runs the transfer, and the runner reads
/// it on that same thread after `perform` returns.
final class StreamTransferObserver: TransferObserver {
    /// How many raw body bytes are kept for reports.
    static let prefixLimit = ExchangeRecord.bodyLimit

    /// The parser and the timeline so far.
    private(set) var recorder: StreamRecorder
    /// Decides when to stop.
    private(set) var watch: StreamWatch
    /// Why the observer stopped the transfer, once it did.
    private(set) var stopReason: StreamStopReason?
    /// The first `prefixLimit` bytes of the body, for reports.
    private(set) var bodyPrefix = Data()
    /// All body bytes received, kept or not.
    private(set) var byteCount = 0
    /// What the recorder keeps so far, against `StreamBudget`.
    private(set) var kept = StreamBudget.Usage()
    /// When this observer last ran (a callback or a tick of the transfer's poll loop).
    private var lastRan: ContinuousClock.Instant?
    /// The transport wakes the observer at least every tick (20 ms by default); a silence of the
    /// observer's own longer than this means the runner was not scheduled, or busy, meanwhile.
    static let stallThreshold = Duration.milliseconds(100)

    /// Starts observing a request sent at `start`.
    init(
        expectation: StreamExpectation, start: ContinuousClock.Instant, grace: Duration,
        decode: @escaping StreamJSONDecoding
    ) {
        recorder = StreamRecorder(start: start)
        watch = StreamWatch(expectation: expectation, start: start, terminatorGrace: grace, decode: decode)
    }

    /// The transport keeps no body: the stream may never end.
    var keepsBody: Bool { false }

    func didReceiveHead(status: Int, headers: HTTPHeaders, at instant: ContinuousClock.Instant) {
        ran(at: instant)
        recorder.headReceived(at: instant)
        // The head callback cannot stop the transfer; a ceiling already passed stops it on the next tick.
        _ = watch.headReceived(at: instant)
    }

    func didReceive(_ bytes: UnsafeRawBufferPointer, at instant: ContinuousClock.Instant) -> TransferDecision {
        ran(at: instant)
        byteCount += bytes.count
        if bodyPrefix.count < Self.prefixLimit {
            bodyPrefix.append(contentsOf: bytes.prefix(Self.prefixLimit - bodyPrefix.count))
        }
        let items = recorder.received(bytes, at: instant)
        kept.add(items)
        // A flood (of events, or of `:` lines) stops here: the timeline keeps every item until judged.
        if kept.exceedsBudget { return decide(.stop(.itemLimit)) }
        return decide(watch.observe(items: items, byteCount: bytes.count, at: instant))
    }

    func tick(at instant: ContinuousClock.Instant) -> TransferDecision {
        ran(at: instant)
        return decide(watch.check(at: instant))
    }

    /// Notes that the observer runs at `instant`, and a stall of the runner since it last ran.
    private func ran(at instant: ContinuousClock.Instant) {
        if let lastRan, instant - lastRan > Self.stallThreshold {
            recorder.runnerStalled(from: lastRan, to: instant)
            watch.runnerStalled(from: lastRan, to: instant)
        }
        lastRan = max(lastRan ?? instant, instant)
    }

    /// Ends the recording and returns the complete timeline.
    func finish(at instant: ContinuousClock.Instant, reason: StreamEndReason) -> StreamTimeline {
        recorder.ended(at: instant, reason: reason)
        return recorder.timeline
    }

    private func decide(_ decision: StreamWatchDecision) -> TransferDecision {
        guard case .stop(let reason) = decision else { return .proceed }
        if stopReason == nil { stopReason = reason }
        return .stop
    }
}
