import CCurl
import Foundation

/// The mutable state of one transfer, reached from libcurl's C callbacks through an
/// unretained pointer; whoever drives the transfer (`CurlClient`, `TransferLoop`) keeps it
/// alive until it ends.
final class CurlTransfer {
    let clock = ContinuousClock()
    let request: HTTPRequest
    let options: TransportOptions
    let observer: (any TransferObserver)?
    let startedAt = Date()
    let startInstant: ContinuousClock.Instant
    /// The request's header lines, handed to libcurl by `CurlEasy.configure`; freed with the transfer.
    var headerList: UnsafeMutablePointer<curl_slist>?
    /// The `resolve` and `connectTo` lists; libcurl reads them during the transfer, which frees them.
    var resolveList: UnsafeMutablePointer<curl_slist>?
    var connectToList: UnsafeMutablePointer<curl_slist>?
    let maxBodyBytes: Int
    private let keepsBody: Bool

    private(set) var head: HTTPHeadParser
    private(set) var body = Data()
    private(set) var headReceivedAt: ContinuousClock.Instant?
    private(set) var firstBodyByteAt: ContinuousClock.Instant?
    private(set) var lastBodyByteAt: ContinuousClock.Instant?
    /// Set when the body passed the cap; the abort that follows is `bodyTooLarge`.
    private(set) var bodyCapExceeded = false
    /// Set when the observer said `.stop`; the abort that follows is not a failure.
    var stopRequested = false
    /// Set when the run was cancelled (`TransferCancellation`); the abort that follows is `cancelled`.
    var cancelled = false
    private var receivedBodyBytes = 0

    /// The options are taken over (`consuming`): the transfer keeps them, and its drivers hand over
    /// their own, so the options are not copied again with each of their members retained.
    init(request: HTTPRequest, options: consuming TransportOptions, observer: (any TransferObserver)?) {
        self.request = request
        self.startInstant = clock.now
        self.observer = observer
        self.maxBodyBytes = max(options.maxBodyBytes, 0)
        self.keepsBody = observer?.keepsBody ?? true
        self.head = HTTPHeadParser(followsRedirects: options.followRedirects)
        self.options = options
    }

    deinit {
        assay_curl_slist_free_all(headerList)
        assay_curl_slist_free_all(resolveList)
        assay_curl_slist_free_all(connectToList)
    }

    /// Handles one header line; returns false to abort the transfer.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if let final = head.consume(bytes: bytes) {
            let now = clock.now
            headReceivedAt = now
            // A followed redirect's body never reaches us, but be exact: count only the final body.
            body.removeAll(keepingCapacity: true)
            receivedBodyBytes = 0
            observer?.didReceiveHead(status: final.status, headers: final.headers, at: now)
        }
        return !stopRequested
    }

    /// Handles body bytes; returns false to abort the transfer (cap exceeded or observer stop).
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // A redirect's body (before any final head) is not the response's: the next hop's is.
        // A pattern, not `!= nil`, which would copy the head to compare it (see `HTTPHeadParser.consume`).
        guard !bytes.isEmpty, case .some = head.finalHead else { return true }
        let now = clock.now
        if firstBodyByteAt == nil { firstBodyByteAt = now }
        lastBodyByteAt = now
        let room = maxBodyBytes - receivedBodyBytes
        let accepted = UnsafeRawBufferPointer(rebasing: bytes.prefix(max(room, 0)))
        receivedBodyBytes += accepted.count
        if keepsBody { body.append(contentsOf: accepted) }
        if let observer, !accepted.isEmpty, observer.didReceive(accepted, at: now) == .stop {
            stopRequested = true
        }
        if bytes.count > room {
            // Checked here, not with CURLOPT_MAXFILESIZE, because chunked bodies carry no length.
            bodyCapExceeded = !stopRequested
            return false
        }
        return !stopRequested
    }

    /// Lets the observer check the time while the transfer waits; returns false to stop.
    func tick() -> Bool {
        guard let observer, !stopRequested else { return !stopRequested }
        if observer.tick(at: clock.now) == .stop { stopRequested = true }
        return !stopRequested
    }

    /// The exchange of a transfer the run's cancellation kept from starting.
    func cancelledBeforeStart() -> Exchange {
        Exchange(
            request: request, response: nil, failure: TransferCancellation.failure, startedAt: startedAt,
            startInstant: startInstant, finishedAt: clock.now)
    }

    /// The final response as far as it arrived, or nil before the final head was complete.
    func response() -> HTTPResponse? {
        guard let final = head.finalHead ?? head.redirectHead else { return nil }
        return HTTPResponse(
            status: final.status, reason: final.reason, httpVersion: final.httpVersion, headers: final.headers,
            trailers: head.trailers, body: body)
    }
}
