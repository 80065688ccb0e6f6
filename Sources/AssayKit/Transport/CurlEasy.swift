import CCurl
import Foundation

/// One libcurl easy handle, reused transfer after transfer: `begin` sets a transfer up on it,
/// `exchange` reads what it did. Driving the transfer belongs to whoever added the handle to a
/// multi handle (`CurlClient` for one blocking transfer, `TransferLoop` for many at once).
/// Not `Sendable`: one thread at a time.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    /// libcurl writes its detailed error text here (CURLOPT_ERRORBUFFER); it must outlive each transfer.
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// Returns nil only if libcurl cannot be loaded (`CurlGlobal.problem`) or cannot allocate the handle.
    init?() {
        guard CurlGlobal.initialize(), let handle = assay_curl_easy_init() else { return nil }
        self.handle = handle
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        assay_curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Configures the handle for `transfer`, from a reset handle so nothing of the previous
    /// transfer's options carries over; a setopt failure is returned, not thrown.
    func begin(_ transfer: CurlTransfer) -> CURLcode {
        errorBuffer[0] = 0
        assay_curl_easy_reset(handle)
        return configure(transfer)
    }

    /// The exchange `transfer` produced on this handle, which libcurl finished with `code`.
    func exchange(_ transfer: CurlTransfer, code: CURLcode) -> Exchange {
        // A transfer the observer stopped was aborted on purpose: not a failure.
        let code = transfer.stopRequested ? CURLE_OK : code
        let numConnects = longInfo(CURLINFO_NUM_CONNECTS)
        var effectiveURL: UnsafePointer<CChar>?
        _ = assay_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effectiveURL)
        var exchange = Exchange(
            request: transfer.request, response: transfer.response(), timings: timings(),
            connectionReused: numConnects == 0 && transfer.head.sawAnyLine, failure: failure(for: code, transfer),
            stoppedByObserver: transfer.stopRequested, startedAt: transfer.startedAt,
            startInstant: transfer.startInstant, headReceivedAt: transfer.headReceivedAt,
            firstBodyByteAt: transfer.firstBodyByteAt, lastBodyByteAt: transfer.lastBodyByteAt,
            finishedAt: transfer.clock.now, redirectCount: longInfo(CURLINFO_REDIRECT_COUNT),
            effectiveURL: effectiveURL.map { String(cString: $0) })
        if transfer.head.redirectHead != nil {
            var target: UnsafePointer<CChar>?
            if assay_easy_getinfo_string(handle, CURLINFO_REDIRECT_URL, &target) == CURLE_OK, let target {
                exchange.redirectURL = String(cString: target)
            }
        }
        return exchange
    }

    private func failure(for code: CURLcode, _ transfer: CurlTransfer) -> TransportFailure? {
        guard code != CURLE_OK else { return nil }
        if transfer.cancelled { return TransferCancellation.failure }
        let kind = TransportFailure.Kind.classify(curlCode: code, bodyCapExceeded: transfer.bodyCapExceeded)
        let libcurlMessage =
            errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: assay_curl_easy_strerror(code))
        if kind != .bodyTooLarge,
            let head = TransportFailure.head(
                curlCode: code, libcurlMessage: libcurlMessage, headSeen: transfer.head.sawAnyLine,
                headComplete: transfer.head.finalHead != nil)
        {
            return head
        }
        let message =
            kind == .bodyTooLarge
            ? "response body exceeds the cap of \(transfer.maxBodyBytes) bytes; --max-body raises it" : libcurlMessage
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
        return assay_easy_getinfo_off(handle, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    private func longInfo(_ info: CURLINFO) -> Int {
        var value = 0
        return assay_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }
}
