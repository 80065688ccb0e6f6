import CCurl
import Foundation

/// Drives many transfers at once from one thread: one multi handle (so one connection cache,
/// shared by every transfer) and a pool of reused easy handles. `start` adds a transfer;
/// `poll` waits for the network and runs the completions of the transfers that ended, on the
/// calling thread. A completion may start further transfers.
///
/// Transfers here have no `TransferObserver`: streams, whose observers need ticks while the
/// peer is silent, go through a `CurlClient`. Use a loop from one thread; only its `waker` may
/// be used from others.
final class TransferLoop {
    typealias Completion = (Exchange) -> Void

    private let multi: UnsafeMutableRawPointer
    /// Easy handles not in use, reused so their set-up allocations are made once.
    private var idle: [CurlEasy] = []
    /// Transfers in the multi handle, by easy handle.
    private var active: [UnsafeMutableRawPointer: Running] = [:]
    /// Exchanges that ended before reaching libcurl (set-up failed), completed by the next `poll`.
    private var endedEarly: [Ended] = []
    /// The run's stop: once cancelled, every transfer in flight ends at the next `poll` and none starts.
    private let cancellation: TransferCancellation?
    /// The loop's wake-up registered with `cancellation`, withdrawn before the multi handle goes.
    private var cancellationToken: Int?

    /// A finished exchange and what to run with it.
    private struct Ended {
        let exchange: Exchange
        let completion: Completion
    }

    private struct Running {
        let easy: CurlEasy
        let transfer: CurlTransfer
        let completion: Completion
    }

    /// `connections` is how many idle connections the cache keeps; with fewer than the
    /// transfers in flight, connections would be closed and opened again. Nil only if libcurl
    /// cannot be loaded (`CurlGlobal.problem`) or cannot allocate the multi handle.
    init?(connections: Int, cancellation: TransferCancellation? = nil) {
        guard CurlGlobal.initialize(), let multi = assay_curl_multi_init() else { return nil }
        self.multi = multi
        self.cancellation = cancellation
        _ = assay_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(connections, 1))
        let waker = Waker(multi: multi)
        cancellationToken = cancellation?.register { waker.wakeUp() }
    }

    deinit {
        if let cancellationToken { cancellation?.unregister(cancellationToken) }
        for running in active.values { assay_curl_multi_remove_handle(multi, running.easy.handle) }
        assay_curl_multi_cleanup(multi)
    }

    /// Transfers started and not yet completed.
    var pending: Int { active.count + endedEarly.count }

    /// Starts sending `request`; `completion` runs in a later `poll`, on the polling thread, with the
    /// final exchange once any redirects were followed (`RedirectFollower`). The options are handed
    /// over (`consuming`) down to the transfer that keeps them, so the caller's copy is the only one.
    func start(_ request: HTTPRequest, options: consuming TransportOptions, completion: @escaping Completion) {
        guard options.followRedirects else { return startHop(request, options: options, completion: completion) }
        // Reported as sent: with the jar's cookies for the first URL, as `startHop` adds them.
        let original = options.cookieJar?.attach(to: request) ?? request
        follow(request, options: options, original: original, first: nil, hops: [], completion: completion)
    }

    /// Sends one hop of a redirect chain and decides, when it ends, whether another follows.
    private func follow(
        _ request: HTTPRequest, options: TransportOptions, original: HTTPRequest, first: Exchange?,
        hops: [RedirectHop], completion: @escaping Completion
    ) {
        startHop(request, options: options) { [self] exchange in
            let first = first ?? exchange
            var hops = hops
            switch RedirectFollower.next(after: exchange, request: request, options: options) {
            case .follow(let next, let hop) where hops.count < options.maxRedirects:
                hops.append(hop)
                follow(next, options: options, original: original, first: first, hops: hops, completion: completion)
                return
            case .follow(_, let hop):
                hops.append(hop)
                var last = exchange
                last.failure = RedirectFollower.tooMany(options)
                completion(RedirectFollower.combine(first: first, hops: hops, last: last, firstRequest: original))
                return
            case .refuse(let hop): hops.append(hop)
            case .done: break
            }
            completion(RedirectFollower.combine(first: first, hops: hops, last: exchange, firstRequest: original))
        }
    }

    /// Sends one request; the jar, if any, adds its cookies to it and keeps those of its answer.
    private func startHop(
        _ request: HTTPRequest, options: consuming TransportOptions, completion: @escaping Completion
    ) {
        var completion = completion
        var request = request
        if let jar = options.cookieJar {
            let url = request.url
            let finish = completion
            completion = { exchange in
                // Only the headers are read: binding the response copied it, each of its parts retained.
                if let headers = exchange.response?.headers { jar.store(headers, from: url) }
                finish(exchange)
            }
            request = jar.attach(to: request)
        }
        let transfer = CurlTransfer(request: request, options: options, observer: nil)
        if cancellation?.isCancelled == true {
            endedEarly.append(Ended(exchange: transfer.cancelledBeforeStart(), completion: completion))
            return
        }
        guard let easy = idle.popLast() ?? CurlEasy() else {
            let failure = TransportFailure(
                kind: .other, curlCode: Int(CURLE_OUT_OF_MEMORY.rawValue),
                message: "libcurl could not create a transfer handle")
            endedEarly.append(Ended(exchange: Self.unsent(transfer, failure: failure), completion: completion))
            return
        }
        var code = easy.begin(transfer)
        if code == CURLE_OK, assay_curl_multi_add_handle(multi, easy.handle) != CURLM_OK { code = CURLE_FAILED_INIT }
        guard code == CURLE_OK else {
            endedEarly.append(Ended(exchange: easy.exchange(transfer, code: code), completion: completion))
            idle.append(easy)
            return
        }
        active[easy.handle] = Running(easy: easy, transfer: transfer, completion: completion)
    }

    /// Lets libcurl work, waiting at most `timeout` (less if libcurl's own timers say so, or
    /// after `wakeUp`), then runs the completions of every transfer that ended.
    func poll(timeout: Duration) {
        var ended = endedEarly
        endedEarly = []
        var running: Int32 = 0
        _ = assay_curl_multi_perform(multi, &running)
        collectEnded(into: &ended)
        if ended.isEmpty && !active.isEmpty {
            _ = assay_curl_multi_poll(multi, nil, 0, Int32(clamping: timeout.wholeMilliseconds), nil)
            _ = assay_curl_multi_perform(multi, &running)
            collectEnded(into: &ended)
        } else if ended.isEmpty {
            // Nothing in flight: only a wake-up can end the wait.
            _ = assay_curl_multi_poll(multi, nil, 0, Int32(clamping: timeout.wholeMilliseconds), nil)
        }
        if cancellation?.isCancelled == true { abortActive(into: &ended) }
        // libcurl is not running our code now, so completions may start transfers freely.
        for item in ended { item.completion(item.exchange) }
    }

    /// Ends every transfer in flight now, each with the `cancelled` failure: the run was interrupted.
    private func abortActive(into ended: inout [Ended]) {
        for (handle, running) in active {
            // Removing a handle mid-transfer aborts it and closes its connection.
            assay_curl_multi_remove_handle(multi, handle)
            running.transfer.cancelled = true
            ended.append(
                Ended(
                    exchange: running.easy.exchange(running.transfer, code: CURLE_ABORTED_BY_CALLBACK),
                    completion: running.completion))
            idle.append(running.easy)
        }
        active.removeAll()
    }

    /// Ends a `poll` early, from any thread, for as long as the loop lives.
    var waker: Waker { Waker(multi: multi) }

    struct Waker: @unchecked Sendable {
        // @unchecked: curl_multi_wakeup is the one libcurl call documented as safe from any thread.
        let multi: UnsafeMutableRawPointer

        func wakeUp() {
            _ = assay_curl_multi_wakeup(multi)
        }
    }

    private func collectEnded(into ended: inout [Ended]) {
        var queued: Int32 = 0
        while let message = assay_curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                let running = active.removeValue(forKey: handle)
            else { continue }
            let code = message.pointee.data.result
            assay_curl_multi_remove_handle(multi, handle)
            ended.append(
                Ended(exchange: running.easy.exchange(running.transfer, code: code), completion: running.completion))
            idle.append(running.easy)
        }
    }

    /// The exchange of a transfer that never reached libcurl.
    private static func unsent(_ transfer: CurlTransfer, failure: TransportFailure) -> Exchange {
        Exchange(
            request: transfer.request, response: nil, failure: failure, startedAt: transfer.startedAt,
            startInstant: transfer.startInstant, finishedAt: transfer.clock.now)
    }
}

/// A loop holds libcurl handles that must never be used from two threads at once.
@available(*, unavailable)
extension TransferLoop: Sendable {}
