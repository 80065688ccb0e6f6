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

    /// The transport options this handle was last configured with, when that transfer was a plain
    /// GET (no body, no custom method): the state a following plain GET with the same options needs.
    private var standingGETOptions: TransportOptions?

    /// Configures the handle for `transfer`; a setopt failure is returned, not thrown. A plain GET
    /// after a plain GET with the same options sets only what differs (URL, headers, the transfer's
    /// context): `curl_easy_reset` and the full option list cost ≈ 4 k instructions a transfer, and
    /// a smoke suite is mostly GETs. Anything else starts from a reset handle.
    func begin(_ transfer: CurlTransfer) -> CURLcode {
        errorBuffer[0] = 0
        let plainGET = transfer.request.isPlainGET
        if plainGET, standingGETOptions == transfer.options {
            return configureNextGET(transfer)
        }
        assay_curl_easy_reset(handle)
        standingGETOptions = nil
        let code = configure(transfer)
        if plainGET && code == CURLE_OK { standingGETOptions = transfer.options }
        return code
    }

    /// The exchange `transfer` produced on this handle, which libcurl finished with `code`.
    func exchange(_ transfer: CurlTransfer, code: CURLcode) -> Exchange {
        // A transfer the observer stopped was aborted on purpose: not a failure.
        let code = transfer.stopRequested ? CURLE_OK : code
        let numConnects = longInfo(CURLINFO_NUM_CONNECTS)
        var effectiveURL: UnsafePointer<CChar>?
        _ = assay_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effectiveURL)
        return Exchange(
            request: transfer.request, response: transfer.response(), timings: timings(),
            connectionReused: numConnects == 0 && transfer.head.sawAnyLine, failure: failure(for: code, transfer),
            stoppedByObserver: transfer.stopRequested, startedAt: transfer.startedAt,
            startInstant: transfer.startInstant, headReceivedAt: transfer.headReceivedAt,
            firstBodyByteAt: transfer.firstBodyByteAt, lastBodyByteAt: transfer.lastBodyByteAt,
            finishedAt: transfer.clock.now, redirectCount: longInfo(CURLINFO_REDIRECT_COUNT),
            effectiveURL: effectiveURL.map { Self.string($0, reusing: transfer.request.url) })
    }

    /// `text` as a String, sharing `known`'s storage when they are equal: without a redirect the
    /// effective URL is the request's, and a copy of it was made and freed for every exchange.
    static func string(_ text: UnsafePointer<CChar>, reusing known: String) -> String {
        let length = strlen(text)
        var known = known
        let same = known.withUTF8 { bytes in
            bytes.count == length && (length == 0 || memcmp(bytes.baseAddress!, text, length) == 0)
        }
        return same ? known : String(cString: text)
    }

    private func failure(for code: CURLcode, _ transfer: CurlTransfer) -> TransportFailure? {
        guard code != CURLE_OK else { return nil }
        var kind = TransportFailure.Kind.classify(curlCode: code, bodyCapExceeded: transfer.bodyCapExceeded)
        let message: String
        if code == CURLE_OUT_OF_MEMORY && transfer.head.finalHead == nil {
            // libcurl refuses a header line over its 100 KB limit with this code, which alone reads
            // as "Out of memory": before the head is complete, the head is the likely cause.
            kind = .protocolError
            message = "response head too large: a header line over libcurl's 100 KB limit (curl 27: Out of memory)"
        } else if kind == .bodyTooLarge {
            message = "response body exceeds the cap of \(transfer.maxBodyBytes) bytes (maxBodyBytes)"
        } else if errorBuffer[0] != 0 {
            message = String(cString: errorBuffer)
        } else {
            message = String(cString: assay_curl_easy_strerror(code))
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
        return assay_easy_getinfo_off(handle, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    private func longInfo(_ info: CURLINFO) -> Int {
        var value = 0
        return assay_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }
}

extension HTTPRequest {
    /// A GET without a body: `configure` sets it up with `CURLOPT_HTTPGET` alone, leaving no
    /// method or body option that a following request would have to undo.
    fileprivate var isPlainGET: Bool { body == nil && method == "GET" }
}
