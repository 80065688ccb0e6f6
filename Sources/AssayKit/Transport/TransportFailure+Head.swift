import CCurl

extension TransportFailure {
    /// The failure of a transfer whose response head libcurl refused, said in HTTP's terms rather
    /// than libcurl's; nil when the failure is not about the head.
    ///
    /// libcurl's words mislead here: a status line whose code is not three digits reads "Unsupported
    /// HTTP version in response" or "Unsupported response code", a header line over its 100 KB limit
    /// reads "Out of memory". libcurl hands no byte of a status line it refused to any callback, so
    /// the line itself cannot be quoted; what was wrong with it is stated instead.
    static func head(
        curlCode code: CURLcode, libcurlMessage: String, headSeen: Bool, headComplete: Bool
    ) -> TransportFailure? {
        let curl = "curl \(code.rawValue): \(libcurlMessage)"
        if code == CURLE_OUT_OF_MEMORY && !headComplete {
            return TransportFailure(
                kind: .protocolError, curlCode: Int(code.rawValue),
                message: "response head too large: a header line over libcurl's 100 KB limit (\(curl))")
        }
        if !headComplete && libcurlMessage.contains("Too large response headers") {
            return TransportFailure(
                kind: .protocolError, curlCode: Int(code.rawValue),
                message: "response head too large: its header lines together pass libcurl's limit (\(curl))")
        }
        let refusedStatusLine =
            (code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_WEIRD_SERVER_REPLY)
            && libcurlMessage.hasPrefix("Unsupported")
        // "Unsupported HTTP version (9.9)": the line was well formed and libcurl names the version; its words stand.
        if refusedStatusLine && !headSeen && !libcurlMessage.contains("version (") {
            return TransportFailure(
                kind: .protocolError, curlCode: Int(code.rawValue),
                message:
                    "broken status line: the response does not start with `HTTP/<version> <three-digit status> <reason>` (\(curl))"
            )
        }
        return nil
    }
}
