import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// TLS verification and HTTP version negotiation, against a real nginx over TLS on loopback.
/// Each test starts its own nginx, and stopping it is part of the test, so no server outlives the run.
@Suite("Transport over TLS (nginx)")
struct TransportTLSTests {
    let server: NginxServer

    init() throws { server = try NginxServer() }

    func get(_ options: TransportOptions) throws -> Exchange {
        let client = try #require(CurlClient())
        return client.perform(HTTPRequest(url: server.baseURL + "/v1/models/tls"), options: options)
    }

    /// Verification is on by default: a self-signed certificate is refused as a TLS failure, with libcurl's message.
    @Test func unknownCertificateIsATLSFailure() throws {
        let exchange = try get(TransportOptions())
        #expect(exchange.response == nil)
        #expect(exchange.failure?.kind == .tls)
        #expect(exchange.failure?.message.isEmpty == false)
    }

    /// Trusting the certificate with `--cacert` verifies it; ALPN negotiates HTTP/2, and the TLS time is measured.
    @Test func caCertificateVerifiesAndNegotiatesHTTP2() throws {
        var options = TransportOptions()
        options.caCertPath = server.certificatePath
        let exchange = try get(options)
        #expect(exchange.failure == nil, "\(String(describing: exchange.failure))")
        #expect(exchange.response?.status == 200)
        #expect(exchange.response?.httpVersion == "2")
        #expect(exchange.response?.headers.first("x-served-by") == "nginx")
        #expect(String(decoding: exchange.response?.body ?? Data(), as: UTF8.self) == NginxServer.body)
        #expect(exchange.timings.tls > exchange.timings.connect)
    }

    /// `--http1.1` keeps HTTP/1.1 over TLS.
    @Test func http11StaysOnHTTP11() throws {
        var options = TransportOptions()
        options.caCertPath = server.certificatePath
        options.httpVersion = .http1_1
        let exchange = try get(options)
        #expect(exchange.response?.httpVersion == "1.1")
    }

    /// `--insecure` accepts the certificate without verifying it.
    @Test func insecureSkipsVerification() throws {
        var options = TransportOptions()
        options.verifyTLS = false
        let exchange = try get(options)
        #expect(exchange.failure == nil)
        #expect(exchange.response?.status == 200)
    }

    /// The connection is reused for a second request on the same client, over TLS and HTTP/2.
    @Test func tlsConnectionIsReused() throws {
        var options = TransportOptions()
        options.caCertPath = server.certificatePath
        let client = try #require(CurlClient())
        let request = HTTPRequest(url: server.baseURL + "/v1/models/tls")
        let first = client.perform(request, options: options)
        let second = client.perform(request, options: options)
        #expect(first.connectionReused == false)
        #expect(second.connectionReused == true)
        #expect(second.timings.tls == 0)
    }

    /// The transfer loop carries TLS the same way: four transfers at once with the CA trusted all
    /// verify and speak HTTP/2 (libcurl may multiplex them on one connection), and one without the
    /// CA fails as a TLS failure on its own.
    @Test func transferLoopVerifiesEachTransfer() throws {
        var trusted = TransportOptions()
        trusted.caCertPath = server.certificatePath
        let loop = try #require(TransferLoop(connections: 4))
        var exchanges: [Exchange] = []
        var untrusted: Exchange?
        for _ in 0..<4 {
            loop.start(HTTPRequest(url: server.baseURL + "/v1/models/tls"), options: trusted) { exchanges.append($0) }
        }
        loop.start(HTTPRequest(url: server.baseURL + "/v1/models/tls"), options: TransportOptions()) {
            untrusted = $0
        }
        for _ in 0..<100 where loop.pending > 0 { loop.poll(timeout: .milliseconds(500)) }
        #expect(exchanges.count == 4)
        for exchange in exchanges {
            #expect(exchange.failure == nil, "\(String(describing: exchange.failure))")
            #expect(exchange.response?.httpVersion == "2")
            #expect(String(decoding: exchange.response?.body ?? Data(), as: UTF8.self) == NginxServer.body)
        }
        #expect(untrusted?.failure?.kind == .tls)
        #expect(untrusted?.response == nil)
    }
}
