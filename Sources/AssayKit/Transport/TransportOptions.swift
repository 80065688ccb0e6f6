/// How one request is carried: timeouts, limits, TLS and protocol choices.
///
/// Proxies come from the usual environment variables (`http_proxy`, `https_proxy`,
/// `all_proxy`, `no_proxy`), which libcurl reads by default; Assay deliberately leaves that on.
public struct TransportOptions: Sendable, Hashable, Codable {
    /// Which HTTP version to ask for.
    public enum HTTPVersion: String, Sendable, Hashable, Codable {
        /// libcurl's default: HTTP/2 via ALPN for https, HTTP/1.1 for plain http.
        case automatic
        /// HTTP/1.1 only.
        case http1_1
        /// HTTP/2: prior knowledge for plain http, ALPN for https.
        case http2
    }

    /// Limit for name resolution plus TCP and TLS connect.
    public var connectTimeout: Duration
    /// Limit for the whole transfer, including the body.
    public var totalTimeout: Duration
    /// Largest body kept; a bigger body ends the transfer with `bodyTooLarge`.
    public var maxBodyBytes: Int
    /// Whether the peer certificate and host name are verified.
    public var verifyTLS: Bool
    /// A PEM file of CA certificates to trust instead of the system store.
    public var caCertPath: String?
    /// Which HTTP version to ask for.
    public var httpVersion: HTTPVersion
    /// Whether 3xx responses with a `Location` are followed.
    public var followRedirects: Bool
    /// How many redirects to follow at most when following.
    public var maxRedirects: Int
    /// Whether a redirect to another origin takes every header and the body along (`--location-trusted`);
    /// by default only content-negotiation headers follow there (`RedirectFollower`).
    public var redirectsKeepCredentials = false
    /// Whether to send `Accept-Encoding` with every encoding this libcurl decodes (gzip, deflate,
    /// br, zstd here) and hand the body on decoded; off, the body arrives as the server encoded it.
    public var decompress = true
    /// `--proxy`: every request goes through this proxy (beats the `*_proxy` environment variables).
    public var proxy: String?
    /// `--resolve HOST:PORT:ADDR` entries (CURLOPT_RESOLVE): a host name answered without DNS.
    public var resolve: [String] = []
    /// `--connect-to HOST:PORT:CONNECT-HOST:CONNECT-PORT` entries (CURLOPT_CONNECT_TO).
    public var connectTo: [String] = []
    /// A PEM client certificate (`--cert`) and its key (`--key`) for mutual TLS.
    public var clientCertPath: String?
    public var clientKeyPath: String?
    /// How often an observer's `tick` runs while a transfer waits for the network.
    public var tickInterval: Duration
    /// Stores every hop's `Set-Cookie` and sends its cookies on every hop (the case's or the
    /// suite's jar); nil: cookies are neither kept nor sent, beyond what the request writes.
    public var cookieJar: CookieJar?

    /// Creates options; every default is safe for an unknown target.
    public init(
        connectTimeout: Duration = .seconds(5), totalTimeout: Duration = .seconds(30),
        maxBodyBytes: Int = 8 * 1024 * 1024, verifyTLS: Bool = true, caCertPath: String? = nil,
        httpVersion: HTTPVersion = .automatic, followRedirects: Bool = false, maxRedirects: Int = 10,
        tickInterval: Duration = .milliseconds(20)
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
        self.verifyTLS = verifyTLS
        self.caCertPath = caCertPath
        self.httpVersion = httpVersion
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.tickInterval = tickInterval
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a tiny positive duration never becomes "no limit" (0).
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(clamping: max(millis, 0))
    }
}
