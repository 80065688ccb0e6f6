import CCurl
import Foundation

/// Sends requests through libcurl, one at a time, reusing connections between them.
///
/// Make one client per thread that sends blocking requests: it owns an easy handle and a
/// multi handle whose connection cache keeps connections alive across `perform` calls, and
/// it drives the transfer itself so a streaming observer gets its ticks. Many plain
/// transfers at once go through a `TransferLoop` instead. A client is not `Sendable`: use
/// it from one thread at a time.
public final class CurlClient {
    private let easy: CurlEasy
    private let multi: UnsafeMutableRawPointer
    /// The run's stop: once cancelled, a transfer in progress ends at once and none starts.
    private let cancellation: TransferCancellation?

    /// Creates a client; returns nil only if libcurl cannot allocate its handles.
    public init?(cancellation: TransferCancellation? = nil) {
        guard let easy = CurlEasy(), let multi = assay_curl_multi_init() else { return nil }
        self.easy = easy
        self.multi = multi
        self.cancellation = cancellation
    }

    deinit {
        assay_curl_multi_cleanup(multi)
    }

    /// Sends one request and waits for the whole exchange; never throws: failures are in the result.
    ///
    /// The observer, if any, is called on this thread while the transfer runs.
    public func perform(
        _ request: HTTPRequest, options: TransportOptions = TransportOptions(),
        observer: (any TransferObserver)? = nil
    ) -> Exchange {
        guard options.followRedirects else { return performHop(request, options: options, observer: observer) }
        // The observer sees no redirect's head or body (they are not final), only the last hop's.
        // Reported as sent: with the jar's cookies for the first URL, as `performHop` adds them.
        let firstSent = options.cookieJar?.attach(to: request) ?? request
        var current = request
        var hops: [RedirectHop] = []
        var first: Exchange?
        while true {
            var exchange = performHop(current, options: options, observer: observer)
            first = first ?? exchange
            switch RedirectFollower.next(after: exchange, request: current, options: options) {
            case .follow(let next, let hop) where hops.count < options.maxRedirects:
                hops.append(hop)
                current = next
                continue
            case .follow(_, let hop):
                hops.append(hop)
                exchange.failure = RedirectFollower.tooMany(options)
            case .refuse(let hop): hops.append(hop)
            case .done: break
            }
            return RedirectFollower.combine(
                first: first ?? exchange, hops: hops, last: exchange,
                firstRequest: firstSent)
        }
    }

    /// Sends one request; the jar, if any, adds its cookies to it and keeps those of its answer.
    private func performHop(_ request: HTTPRequest, options: TransportOptions, observer: (any TransferObserver)?)
        -> Exchange
    {
        let sent = options.cookieJar?.attach(to: request) ?? request
        let transfer = CurlTransfer(request: sent, options: options, observer: observer)
        if cancellation?.isCancelled == true { return transfer.cancelledBeforeStart() }
        let code = withExtendedLifetime(transfer) { () -> CURLcode in
            let setup = easy.begin(transfer)
            guard setup == CURLE_OK else { return setup }
            guard let cancellation else { return run(transfer, tickInterval: options.tickInterval) }
            // A cancellation wakes this thread's poll at once, whatever the peer does.
            let waker = TransferLoop.Waker(multi: multi)
            return cancellation.whileRegistered({ waker.wakeUp() }) {
                run(transfer, tickInterval: options.tickInterval)
            }
        }
        let exchange = easy.exchange(transfer, code: code)
        if let jar = options.cookieJar, let response = exchange.response {
            jar.store(response.headers, from: request.url)
        }
        return exchange
    }

    /// Drives the transfer through the multi handle, waking at least every `tickInterval` so
    /// an observer's deadlines are checked promptly even while the peer is silent.
    private func run(_ transfer: CurlTransfer, tickInterval: Duration) -> CURLcode {
        let added = assay_curl_multi_add_handle(multi, easy.handle)
        guard added == CURLM_OK else { return CURLE_FAILED_INIT }
        defer { assay_curl_multi_remove_handle(multi, easy.handle) }
        let waitMilliseconds = Int32(clamping: transfer.observer == nil ? 1000 : max(tickInterval.wholeMilliseconds, 1))
        var running: Int32 = 0
        while true {
            guard assay_curl_multi_perform(multi, &running) == CURLM_OK else { return CURLE_FAILED_INIT }
            if let result = finishedResult() { return result }
            if cancellation?.isCancelled == true {
                transfer.cancelled = true
                return CURLE_ABORTED_BY_CALLBACK
            }
            // Removing the handle mid-transfer (in the defer) aborts it and drops its connection.
            if transfer.stopRequested || !transfer.tick() { return CURLE_OK }
            guard running > 0 else { return CURLE_FAILED_INIT }
            guard assay_curl_multi_poll(multi, nil, 0, waitMilliseconds, nil) == CURLM_OK else {
                return CURLE_FAILED_INIT
            }
        }
    }

    /// The result of our transfer if libcurl reported it done.
    private func finishedResult() -> CURLcode? {
        var queued: Int32 = 0
        while let message = assay_curl_multi_info_read(multi, &queued) {
            if message.pointee.msg == CURLMSG_DONE { return message.pointee.data.result }
        }
        return nil
    }
}

/// A client holds libcurl handles that must never be used from two threads at once.
@available(*, unavailable)
extension CurlClient: Sendable {}
