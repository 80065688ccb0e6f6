import CCurl
import Foundation

/// Sends requests through libcurl, one at a time, reusing connections between them.
///
/// Make one client per worker thread: it owns an easy handle and a multi handle whose
/// connection cache keeps connections alive across `perform` calls. A client is not
/// `Sendable`: use it from one thread at a time.
public final class CurlClient {
    private let easy: UnsafeMutableRawPointer
    private let multi: UnsafeMutableRawPointer
    /// libcurl writes its detailed error text here (CURLOPT_ERRORBUFFER); it must outlive each transfer.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Creates a client; returns nil only if libcurl cannot allocate its handles.
    public init?() {
        CurlGlobal.initialize()
        guard let easy = curl_easy_init() else { return nil }
        guard let multi = curl_multi_init() else {
            curl_easy_cleanup(easy)
            return nil
        }
        self.easy = easy
        self.multi = multi
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    /// The easy handle, for the option set-up in `CurlClient+Options.swift`.
    var easyHandle: UnsafeMutableRawPointer { easy }
    /// The error buffer, for the option set-up in `CurlClient+Options.swift`.
    var errorBufferPointer: UnsafeMutablePointer<CChar> { errorBuffer }

    deinit {
        curl_multi_cleanup(multi)
        curl_easy_cleanup(easy)
        errorBuffer.deallocate()
    }

    /// Sends one request and waits for the whole exchange; never throws: failures are in the result.
    ///
    /// The observer, if any, is called on this thread while the transfer runs.
    public func perform(
        _ request: HTTPRequest, options: TransportOptions = TransportOptions(),
        observer: (any TransferObserver)? = nil
    ) -> Exchange {
        let startedAt = Date()
        let transfer = CurlTransfer(options: options, observer: observer)
        let startInstant = transfer.clock.now
        errorBuffer[0] = 0
        curl_easy_reset(easy)

        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        var code = withExtendedLifetime(transfer) { () -> CURLcode in
            let setup = configure(request, options: options, transfer: transfer, headerList: &headerList)
            guard setup == CURLE_OK else { return setup }
            return run(transfer, tickInterval: options.tickInterval)
        }
        if transfer.stopRequested { code = CURLE_OK }

        let failure = failure(for: code, transfer: transfer)
        let numConnects = longInfo(CURLINFO_NUM_CONNECTS)
        var effectiveURL: UnsafePointer<CChar>?
        _ = assay_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effectiveURL)
        return Exchange(
            request: request, response: transfer.response(), timings: timings(),
            connectionReused: numConnects == 0 && transfer.head.sawAnyLine, failure: failure,
            stoppedByObserver: transfer.stopRequested, startedAt: startedAt, startInstant: startInstant,
            headReceivedAt: transfer.headReceivedAt, firstBodyByteAt: transfer.firstBodyByteAt,
            lastBodyByteAt: transfer.lastBodyByteAt, finishedAt: transfer.clock.now,
            redirectCount: longInfo(CURLINFO_REDIRECT_COUNT), effectiveURL: effectiveURL.map { String(cString: $0) })
    }

    /// Drives the transfer through the multi handle, waking at least every `tickInterval` so
    /// an observer's deadlines are checked promptly even while the peer is silent.
    private func run(_ transfer: CurlTransfer, tickInterval: Duration) -> CURLcode {
        let added = curl_multi_add_handle(multi, easy)
        guard added == CURLM_OK else { return CURLE_FAILED_INIT }
        defer { curl_multi_remove_handle(multi, easy) }
        let waitMilliseconds = Int32(clamping: transfer.observer == nil ? 1000 : max(tickInterval.wholeMilliseconds, 1))
        var running: Int32 = 0
        while true {
            guard curl_multi_perform(multi, &running) == CURLM_OK else { return CURLE_FAILED_INIT }
            if let result = finishedResult() { return result }
            // Removing the handle mid-transfer (in the defer) aborts it and drops its connection.
            if transfer.stopRequested || !transfer.tick() { return CURLE_OK }
            guard running > 0 else { return CURLE_FAILED_INIT }
            guard curl_multi_poll(multi, nil, 0, waitMilliseconds, nil) == CURLM_OK else { return CURLE_FAILED_INIT }
        }
    }

    /// The result of our transfer if libcurl reported it done.
    private func finishedResult() -> CURLcode? {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            if message.pointee.msg == CURLMSG_DONE { return message.pointee.data.result }
        }
        return nil
    }

    private func failure(for code: CURLcode, transfer: CurlTransfer) -> TransportFailure? {
        guard code != CURLE_OK else { return nil }
        let kind = TransportFailure.Kind.classify(curlCode: code, bodyCapExceeded: transfer.bodyCapExceeded)
        let message: String
        if kind == .bodyTooLarge {
            message = "response body exceeds the cap of \(transfer.maxBodyBytes) bytes (maxBodyBytes)"
        } else if errorBuffer[0] != 0 {
            message = String(cString: errorBuffer)
        } else {
            message = String(cString: curl_easy_strerror(code))
        }
        return TransportFailure(kind: kind, curlCode: Int(code.rawValue), message: message)
    }

    private func timings() -> TransferTimings {
        TransferTimings(
            dns: offInfo(CURLINFO_NAMELOOKUP_TIME_T), connect: offInfo(CURLINFO_CONNECT_TIME_T),
            tls: offInfo(CURLINFO_APPCONNECT_TIME_T), preTransfer: offInfo(CURLINFO_PRETRANSFER_TIME_T),
            firstByte: offInfo(CURLINFO_STARTTRANSFER_TIME_T), total: offInfo(CURLINFO_TOTAL_TIME_T),
            redirect: offInfo(CURLINFO_REDIRECT_TIME_T))
    }

    private func offInfo(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return assay_easy_getinfo_off(easy, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    private func longInfo(_ info: CURLINFO) -> Int {
        var value = 0
        return assay_easy_getinfo_long(easy, info, &value) == CURLE_OK ? value : 0
    }
}

/// A client holds libcurl handles that must never be used from two threads at once.
@available(*, unavailable)
extension CurlClient: Sendable {}
