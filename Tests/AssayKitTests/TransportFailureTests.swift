import AssayTestSupport
import CCurl
import Foundation
import Testing

@testable import AssayKit

/// Each failure kind reachable on loopback is produced by a real transfer and classified right.
@Suite struct TransportFailureTests {
    /// A port nobody listens on yields `connectionRefused`, with libcurl's message and no response.
    @Test func connectionRefused() throws {
        let port = try LoopbackServer.unusedPort()
        let client = try #require(CurlClient())
        let exchange = client.perform(HTTPRequest(url: "http://127.0.0.1:\(port)/"))
        let failure = try #require(exchange.failure)
        #expect(failure.kind == .connectionRefused)
        #expect(failure.curlCode == Int(CURLE_COULDNT_CONNECT.rawValue))
        #expect(failure.message.contains("\(port)"))
        #expect(exchange.response == nil)
        #expect(!exchange.connectionReused)
    }

    /// A server that stays silent past the total timeout yields `timeout`.
    @Test func timeout() throws {
        let server = try LoopbackServer(script: [.readRequest, .sleep(milliseconds: 3000)])
        let client = try #require(CurlClient())
        let options = TransportOptions(totalTimeout: .milliseconds(300))
        let exchange = client.perform(HTTPRequest(url: server.baseURL), options: options)
        #expect(exchange.failure?.kind == .timeout)
        // Generous ceiling: the server would only have ended the connection after 3 s.
        #expect(exchange.finishedAt - exchange.startInstant < .milliseconds(2500))
    }

    /// A chunked body (no Content-Length to check up front) past the cap yields `bodyTooLarge`
    /// and keeps exactly the first cap bytes.
    @Test func chunkedBodyOverCap() throws {
        let head = Data("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        let chunk = LoopbackServer.chunk(String(repeating: "x", count: 1000))
        let server = try LoopbackServer(script: [
            .readRequest, .write(head), .repeatWrite(chunk, intervalMilliseconds: 1, count: 50),
        ])
        let client = try #require(CurlClient())
        let exchange = client.perform(HTTPRequest(url: server.baseURL), options: TransportOptions(maxBodyBytes: 4500))
        let failure = try #require(exchange.failure)
        #expect(failure.kind == .bodyTooLarge)
        #expect(failure.message.contains("4500"))
        #expect(exchange.response?.status == 200)
        #expect(exchange.response?.body.count == 4500)
    }

    /// A declared Content-Length past the cap is also `bodyTooLarge`, and the message names the
    /// option a user raises the cap with (not an internal property name).
    @Test func declaredBodyOverCap() throws {
        let body = String(repeating: "y", count: 2000)
        let server = try LoopbackServer(script: [.readRequest, .write(LoopbackServer.response(body: body))])
        let client = try #require(CurlClient())
        let exchange = client.perform(HTTPRequest(url: server.baseURL), options: TransportOptions(maxBodyBytes: 100))
        #expect(exchange.failure?.kind == .bodyTooLarge)
        #expect(exchange.failure?.message == "response body exceeds the cap of 100 bytes; --max-body raises it")
        #expect((exchange.response?.body.count ?? 0) <= 100)
    }

    /// A body exactly at the cap is accepted whole: the cap is inclusive.
    @Test func bodyAtCapAccepted() throws {
        let body = String(repeating: "z", count: 100)
        let server = try LoopbackServer(script: [.readRequest, .write(LoopbackServer.response(body: body))])
        let client = try #require(CurlClient())
        let exchange = client.perform(HTTPRequest(url: server.baseURL), options: TransportOptions(maxBodyBytes: 100))
        #expect(exchange.failure == nil)
        #expect(exchange.response?.body.count == 100)
    }

    /// Garbage instead of a status line yields `protocolError`.
    @Test func garbageStatusLine() throws {
        let server = try LoopbackServer(script: [.readRequest, .write("hello, this is not http\r\n\r\n"), .close])
        let client = try #require(CurlClient())
        let exchange = client.perform(HTTPRequest(url: server.baseURL))
        #expect(exchange.failure?.kind == .protocolError)
        #expect(exchange.response == nil)
    }

    /// A connection closed mid-body yields `connectionCut` and keeps the head and bytes that arrived.
    @Test func connectionCutMidBody() throws {
        let server = try LoopbackServer(script: [
            .readRequest, .write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nX-Id: 7\r\n\r\npartial"), .close,
        ])
        let client = try #require(CurlClient())
        let exchange = client.perform(HTTPRequest(url: server.baseURL))
        #expect(exchange.failure?.kind == .connectionCut)
        #expect(exchange.failure?.curlCode == Int(CURLE_PARTIAL_FILE.rawValue))
        let response = try #require(exchange.response)
        #expect(response.headers.first("x-id") == "7")
        #expect(response.body == Data("partial".utf8))
    }

    /// A server that closes without answering yields `connectionCut` (libcurl's "empty reply").
    @Test func emptyReply() throws {
        let server = try LoopbackServer(script: [.readRequest, .close])
        let client = try #require(CurlClient())
        #expect(client.perform(HTTPRequest(url: server.baseURL)).failure?.kind == .connectionCut)
    }

    /// `https://` to a plain-HTTP port fails the handshake: `tls`.
    @Test func tlsToPlainPort() throws {
        let server = try LoopbackServer(script: [
            .readBytes(1), .write(LoopbackServer.response(body: "plain")), .close,
        ])
        let client = try #require(CurlClient())
        let exchange = client.perform(HTTPRequest(url: "https://127.0.0.1:\(server.port)/"))
        #expect(exchange.failure?.kind == .tls)
        #expect(exchange.failure?.message.isEmpty == false)
    }

    /// A malformed URL is `other`, reported before any connection.
    @Test func malformedURL() throws {
        let client = try #require(CurlClient())
        let exchange = client.perform(HTTPRequest(url: "http://[::1"))
        #expect(exchange.failure?.kind == .other)
        #expect(exchange.failure?.curlCode == Int(CURLE_URL_MALFORMAT.rawValue))
    }

    /// The classification table maps representative codes, including those not reachable on loopback (DNS).
    @Test func classificationTable() {
        let cases: [(CURLcode, TransportFailure.Kind)] = [
            (CURLE_COULDNT_RESOLVE_HOST, .dns), (CURLE_COULDNT_RESOLVE_PROXY, .dns),
            (CURLE_COULDNT_CONNECT, .connectionRefused), (CURLE_OPERATION_TIMEDOUT, .timeout),
            (CURLE_PEER_FAILED_VERIFICATION, .tls), (CURLE_SSL_CONNECT_ERROR, .tls),
            (CURLE_WEIRD_SERVER_REPLY, .protocolError), (CURLE_HTTP2, .protocolError),
            (CURLE_PARTIAL_FILE, .connectionCut), (CURLE_RECV_ERROR, .connectionCut),
            (CURLE_GOT_NOTHING, .connectionCut), (CURLE_FILESIZE_EXCEEDED, .bodyTooLarge),
            (CURLE_URL_MALFORMAT, .other), (CURLE_WRITE_ERROR, .other),
        ]
        for (code, kind) in cases {
            #expect(TransportFailure.Kind.classify(curlCode: code, bodyCapExceeded: false) == kind, "\(code)")
        }
        #expect(TransportFailure.Kind.classify(curlCode: CURLE_WRITE_ERROR, bodyCapExceeded: true) == .bodyTooLarge)
    }

    /// A client keeps working after a failure: the next perform on it succeeds.
    @Test func clientRecoversAfterFailure() throws {
        let server = try LoopbackServer(scripts: [
            [.readRequest, .write("garbage\r\n\r\n"), .close],
            [.readRequest, .write(LoopbackServer.response(body: "fine"))],
        ])
        let client = try #require(CurlClient())
        #expect(client.perform(HTTPRequest(url: server.baseURL)).failure != nil)
        let second = client.perform(HTTPRequest(url: server.baseURL))
        #expect(second.failure == nil)
        #expect(second.response?.body == Data("fine".utf8))
    }
}
