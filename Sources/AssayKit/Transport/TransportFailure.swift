/// Why a transfer could not complete: a normal result carried by `Exchange`, not a thrown error.
public struct TransportFailure: Sendable, Hashable, Codable, Error {
    /// The class of failure, stable for reports and checks.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Nobody accepted the TCP connection.
        case connectionRefused
        /// The host name could not be resolved.
        case dns
        /// The TLS handshake or certificate verification failed.
        case tls
        /// The connect or total timeout expired.
        case timeout
        /// The body exceeded `TransportOptions.maxBodyBytes`.
        case bodyTooLarge
        /// The peer did not speak valid HTTP (e.g. no status line).
        case protocolError
        /// The connection ended early: a partial body, a receive error or an empty reply.
        case connectionCut
        /// Anything else, e.g. a malformed URL.
        case other
        /// The run was interrupted (SIGINT/SIGTERM) and the transfer cancelled: nothing about the target.
        case cancelled
    }

    /// The class of failure.
    public var kind: Kind
    /// libcurl's `CURLcode`, kept for diagnosis (0 when the failure did not come from libcurl).
    public var curlCode: Int
    /// libcurl's own explanation (its error buffer, else `curl_easy_strerror`), or ours for the body cap.
    public var message: String

    /// Creates a failure.
    public init(kind: Kind, curlCode: Int, message: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
    }
}
