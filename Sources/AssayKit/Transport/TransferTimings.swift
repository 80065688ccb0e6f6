/// Phase timings of one transfer from libcurl, in microseconds since the transfer started.
///
/// Each value is cumulative (libcurl's `*_TIME_T`), so on a fresh connection
/// `dns ≤ connect ≤ tls ≤ preTransfer ≤ firstByte ≤ total`. On a reused connection the
/// connection phases are 0; `tls` is 0 for plain HTTP.
public struct TransferTimings: Sendable, Hashable, Codable {
    /// Name resolution done (`NAMELOOKUP_TIME_T`).
    public var dns: Int64
    /// TCP connect done (`CONNECT_TIME_T`).
    public var connect: Int64
    /// TLS handshake done (`APPCONNECT_TIME_T`); 0 without TLS.
    public var tls: Int64
    /// About to send the request (`PRETRANSFER_TIME_T`).
    public var preTransfer: Int64
    /// First response byte received (`STARTTRANSFER_TIME_T`).
    public var firstByte: Int64
    /// Transfer finished (`TOTAL_TIME_T`).
    public var total: Int64
    /// Time spent on followed redirects before the final request (`REDIRECT_TIME_T`).
    public var redirect: Int64

    /// Creates timings; all zero by default.
    public init(
        dns: Int64 = 0, connect: Int64 = 0, tls: Int64 = 0, preTransfer: Int64 = 0, firstByte: Int64 = 0,
        total: Int64 = 0, redirect: Int64 = 0
    ) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.preTransfer = preTransfer
        self.firstByte = firstByte
        self.total = total
        self.redirect = redirect
    }
}
