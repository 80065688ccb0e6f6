import CCurl
import Foundation

extension CurlEasy {
    /// Applies the transfer's request and options to the freshly reset easy handle; returns the
    /// first setopt error.
    func configure(_ transfer: CurlTransfer) -> CURLcode {
        let request = transfer.request
        let options = transfer.options
        var setup = EasySetup(handle: handle)
        setup.long(CURLOPT_NOSIGNAL, 1)
        setup.pointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        setup.string(CURLOPT_URL, request.url)
        setup.long(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.wholeMilliseconds)
        setup.long(CURLOPT_TIMEOUT_MS, options.totalTimeout.wholeMilliseconds)
        setup.long(CURLOPT_SSL_VERIFYPEER, options.verifyTLS ? 1 : 0)
        setup.long(CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0)
        if let caCertPath = options.caCertPath { setup.string(CURLOPT_CAINFO, caCertPath) }
        setup.long(CURLOPT_HTTP_VERSION, Self.curlHTTPVersion(options.httpVersion))
        // "" offers every encoding the build supports. The write callback sees decoded bytes, so
        // `maxBodyBytes` also stops a compression bomb.
        if options.decompress { setup.string(CURLOPT_ACCEPT_ENCODING, "") }
        // Redirects are followed by `RedirectFollower`, which decides what goes to the next hop.
        setup.long(CURLOPT_FOLLOWLOCATION, 0)
        // Through an environment proxy, the CONNECT reply would otherwise reach the header
        // callback looking like a final 200 head.
        setup.long(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        if let proxy = options.proxy {
            setup.string(CURLOPT_PROXY, proxy)
        } else if !Self.environmentNamesAProxy {
            // libcurl looks up five proxy variables for every transfer; with none set, the usual
            // case, saying so up front skips the lookups and changes nothing.
            setup.string(CURLOPT_PROXY, "")
            setup.string(CURLOPT_NOPROXY, "")
        }
        if let cert = options.clientCertPath { setup.string(CURLOPT_SSLCERT, cert) }
        if let key = options.clientKeyPath { setup.string(CURLOPT_SSLKEY, key) }
        transfer.resolveList = Self.list(options.resolve)
        transfer.connectToList = Self.list(options.connectTo)
        // Always set, even to nil: the handle is reused, and a reset keeps no lists, but saying so is cheap.
        setup.pointer(CURLOPT_RESOLVE, transfer.resolveList.map { UnsafeMutableRawPointer($0) })
        setup.pointer(CURLOPT_CONNECT_TO, transfer.connectToList.map { UnsafeMutableRawPointer($0) })
        configureMethodAndBody(request, setup: &setup)
        configureHeadersAndContext(transfer, setup: &setup)
        setup.callback(CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            let proceed = transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length))
            return proceed ? length : Int(CURL_WRITEFUNC_ERROR)
        }
        setup.callback(CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            let proceed = transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
            // Any count other than `length` aborts the transfer with CURLE_WRITE_ERROR.
            return proceed ? length : 0
        }
        return setup.firstError
    }

    /// The request's header list and the transfer the callbacks are given.
    private func configureHeadersAndContext(_ transfer: CurlTransfer, setup: inout EasySetup) {
        // The list must outlive the transfer; the transfer frees it.
        transfer.headerList = Self.headerList(transfer.request)
        setup.pointer(CURLOPT_HTTPHEADER, transfer.headerList.map { UnsafeMutableRawPointer($0) })
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        setup.pointer(CURLOPT_WRITEDATA, context)
        setup.pointer(CURLOPT_HEADERDATA, context)
    }

    /// Whether any `*_proxy` variable (`http_proxy`, `HTTPS_PROXY`, `all_proxy`, `no_proxy`, …) is
    /// set: then libcurl reads them itself, as it does by default. Read once; assay never sets them.
    static let environmentNamesAProxy: Bool = ProcessEnvironment.current().keys.contains {
        $0.lowercased().hasSuffix("_proxy")
    }

    /// Picks how method and body are expressed to libcurl so the wire carries exactly them.
    private func configureMethodAndBody(_ request: HTTPRequest, setup: inout EasySetup) {
        let method = request.method
        if let body = request.body {
            setup.off(CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            // COPYPOSTFIELDS copies the bytes, so the request's Data need not outlive this call.
            body.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress {
                    setup.pointer(CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
                } else {
                    setup.string(CURLOPT_COPYPOSTFIELDS, "")
                }
            }
            if method != "POST" { setup.string(CURLOPT_CUSTOMREQUEST, method) }
        } else if method == "HEAD" {
            setup.long(CURLOPT_NOBODY, 1)
        } else if method == "POST" {
            // An empty POST body; without POSTFIELDS libcurl would read the body from stdin.
            setup.off(CURLOPT_POSTFIELDSIZE_LARGE, 0)
            setup.string(CURLOPT_COPYPOSTFIELDS, "")
        } else {
            setup.long(CURLOPT_HTTPGET, 1)
            if method != "GET" { setup.string(CURLOPT_CUSTOMREQUEST, method) }
        }
    }

    /// Lines as a libcurl list (which copies each); nil for none.
    static func list(_ lines: [String]) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            if let appended = assay_curl_slist_append(list, line) { list = appended }
        }
        return list
    }

    /// The request's headers as libcurl lines, plus suppression of headers libcurl would add.
    static func headerList(_ request: HTTPRequest) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        // libcurl copies each line.
        func append(_ line: String) {
            if let appended = assay_curl_slist_append(list, line) { list = appended }
        }
        for field in request.headers {
            // `Name:` would tell libcurl to remove the header; `Name;` sends it with an empty value.
            append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        if request.body != nil || request.method == "POST" {
            // libcurl would otherwise invent a form Content-Type and an Expect: 100-continue
            // (which stalls a second on servers that ignore it); send only what the suite asked.
            if !request.headers.contains("Content-Type") { append("Content-Type:") }
            if !request.headers.contains("Expect") { append("Expect:") }
        }
        return list
    }

    static func curlHTTPVersion(_ version: TransportOptions.HTTPVersion) -> Int {
        switch version {
        case .automatic: Int(CURL_HTTP_VERSION_NONE)
        case .http1_1: Int(CURL_HTTP_VERSION_1_1)
        // For https, libcurl still negotiates h2 through ALPN; for plain http it skips the upgrade.
        case .http2: Int(CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE)
        }
    }
}

/// Collects setopt calls and remembers the first failure, so configuration reads as a list.
struct EasySetup {
    let handle: UnsafeMutableRawPointer
    private(set) var firstError = CURLE_OK

    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
    }

    private mutating func record(_ code: CURLcode) {
        if firstError == CURLE_OK, code != CURLE_OK { firstError = code }
    }

    mutating func long(_ option: CURLoption, _ value: Int) {
        record(assay_easy_setopt_long(handle, option, value))
    }

    mutating func off(_ option: CURLoption, _ value: curl_off_t) {
        record(assay_easy_setopt_off(handle, option, value))
    }

    mutating func string(_ option: CURLoption, _ value: String) {
        record(assay_easy_setopt_string(handle, option, value))
    }

    mutating func pointer(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) {
        record(assay_easy_setopt_pointer(handle, option, value))
    }

    mutating func callback(_ option: CURLoption, _ callback: assay_curl_data_callback) {
        record(assay_easy_setopt_data_callback(handle, option, callback))
    }
}
