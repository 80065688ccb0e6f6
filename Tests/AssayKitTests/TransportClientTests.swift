import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// End-to-end tests of `CurlClient` against scripted servers on 127.0.0.1.
@Suite struct TransportClientTests {
    /// A 200 response arrives with status, reason, version, headers and exact body bytes.
    @Test func basicResponse() throws {
        let server = try LoopbackServer(script: [
            .readRequest,
            .write(LoopbackServer.response(headers: [("Content-Type", "application/json")], body: #"{"ok":true}"#)),
        ])
        let client = try #require(CurlClient())
        let exchange = client.perform(HTTPRequest(url: server.baseURL + "/v1/models"))
        #expect(exchange.failure == nil)
        let response = try #require(exchange.response)
        #expect(response.status == 200)
        #expect(response.reason == "OK")
        #expect(response.httpVersion == "1.1")
        #expect(response.headers.first("content-type") == "application/json")
        #expect(response.body == Data(#"{"ok":true}"#.utf8))
        #expect(server.requests.first?.target == "/v1/models")
    }

    /// A status line with an empty reason phrase (`529 `) is kept as status 529 and reason "".
    @Test func emptyReasonPhrase() throws {
        let server = try LoopbackServer(script: [
            .readRequest, .write("HTTP/1.1 529 \r\nContent-Length: 2\r\n\r\nno"),
        ])
        let client = try #require(CurlClient())
        let response = try #require(client.perform(HTTPRequest(url: server.baseURL)).response)
        #expect(response.status == 529)
        #expect(response.reason == "")
        #expect(response.body == Data("no".utf8))
    }

    /// Repeated header names stay separate, in wire order, and lookups ignore case.
    @Test func duplicateHeadersKeptInOrder() throws {
        let server = try LoopbackServer(script: [
            .readRequest,
            .write("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-Trace: t\r\nset-cookie: b=2\r\nContent-Length: 0\r\n\r\n"),
        ])
        let client = try #require(CurlClient())
        let headers = try #require(client.perform(HTTPRequest(url: server.baseURL)).response).headers
        #expect(headers.values("SET-COOKIE") == ["a=1", "b=2"])
        #expect(headers.map(\.name) == ["Set-Cookie", "X-Trace", "set-cookie", "Content-Length"])
        #expect(headers.contains("x-trace"))
        #expect(!headers.contains("x-missing"))
    }

    /// A 100 Continue interim head is dropped: only the final head's status and headers remain.
    @Test func interimHeadDropped() throws {
        let server = try LoopbackServer(script: [
            .readRequest,
            .write("HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n"),
            .write(LoopbackServer.response(status: 201, reason: "Created", headers: [("X-Final", "yes")], body: "x")),
        ])
        let client = try #require(CurlClient())
        let response = try #require(client.perform(HTTPRequest(url: server.baseURL)).response)
        #expect(response.status == 201)
        #expect(!response.headers.contains("X-Interim"))
        #expect(response.headers.first("x-final") == "yes")
    }

    /// The server sees exactly the method, headers (an empty value included) and body we sent.
    @Test func requestAsSent() throws {
        let server = try LoopbackServer(script: [.readRequest, .write(LoopbackServer.response(body: "ok"))])
        let client = try #require(CurlClient())
        let body = Data(#"{"model":"m","input":"a\nb"}"#.utf8)
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-Dup": "1", "X-Dup": "2"]
        headers.append(name: "X-Empty", value: "")
        let exchange = client.perform(
            HTTPRequest(method: "PATCH", url: server.baseURL + "/items/7?q=1", headers: headers, body: body))
        #expect(exchange.failure == nil)
        let seen = try #require(server.requests.first)
        #expect(seen.method == "PATCH")
        #expect(seen.target == "/items/7?q=1")
        #expect(seen.body == body)
        #expect(seen.header("content-type") == "application/json")
        #expect(seen.headers.filter { $0.name == "X-Dup" }.map(\.value) == ["1", "2"])
        #expect(seen.header("X-Empty") == "")
        #expect(seen.header("Expect") == nil)
    }

    /// A POST without a body sends `Content-Length: 0` and no invented form Content-Type.
    @Test func emptyPost() throws {
        let server = try LoopbackServer(script: [.readRequest, .write(LoopbackServer.response(body: "ok"))])
        let client = try #require(CurlClient())
        _ = client.perform(HTTPRequest(method: "POST", url: server.baseURL))
        let seen = try #require(server.requests.first)
        #expect(seen.method == "POST")
        #expect(seen.header("Content-Length") == "0")
        #expect(seen.header("Content-Type") == nil)
    }

    /// A HEAD request completes without waiting for the body its Content-Length announces.
    @Test func headRequest() throws {
        let server = try LoopbackServer(script: [
            .readRequest, .write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"), .sleep(milliseconds: 3000),
        ])
        let client = try #require(CurlClient())
        let exchange = client.perform(HTTPRequest(method: "HEAD", url: server.baseURL))
        #expect(exchange.failure == nil)
        #expect(exchange.response?.body.isEmpty == true)
        #expect(server.requests.first?.method == "HEAD")
    }

    /// Timings are present and ordered on a fresh connection: dns ≤ connect ≤ firstByte ≤ total.
    @Test func timingsMonotonic() throws {
        let server = try LoopbackServer(script: [
            .readRequest, .sleep(milliseconds: 50), .write(LoopbackServer.response(body: "ok")),
        ])
        let client = try #require(CurlClient())
        let timings = client.perform(HTTPRequest(url: server.baseURL)).timings
        #expect(timings.connect > 0)
        #expect(timings.dns <= timings.connect)
        #expect(timings.connect <= timings.preTransfer)
        #expect(timings.preTransfer <= timings.firstByte)
        #expect(timings.firstByte <= timings.total)
        // The server waited 50 ms before answering; 40 ms leaves room for clock granularity.
        #expect(timings.firstByte >= 40_000)
        #expect(timings.tls == 0)
    }

    /// Two performs on one client share a keep-alive connection: the second reports reuse.
    @Test func connectionReused() throws {
        let ok = LoopbackServer.response(body: "ok")
        let server = try LoopbackServer(script: [.readRequest, .write(ok), .readRequest, .write(ok)])
        let client = try #require(CurlClient())
        let first = client.perform(HTTPRequest(url: server.baseURL + "/a"))
        let second = client.perform(HTTPRequest(url: server.baseURL + "/b"))
        #expect(first.failure == nil && second.failure == nil)
        #expect(!first.connectionReused)
        #expect(second.connectionReused)
        #expect(server.connectionCount == 1)
        #expect(server.requests.map(\.connection) == [0, 0])
    }

    /// When the server closes after answering, the next perform opens a new connection.
    @Test func connectionNotReusedAfterClose() throws {
        let closing = LoopbackServer.response(headers: [("Connection", "close")], body: "ok")
        let server = try LoopbackServer(script: [.readRequest, .write(closing), .close])
        let client = try #require(CurlClient())
        let first = client.perform(HTTPRequest(url: server.baseURL))
        let second = client.perform(HTTPRequest(url: server.baseURL))
        #expect(first.failure == nil && second.failure == nil)
        #expect(!second.connectionReused)
        #expect(server.connectionCount == 2)
    }

    /// A chunked body is reassembled exactly, and trailers after it are kept apart from headers.
    @Test func chunkedBodyWithTrailers() throws {
        var wire = Data("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n".utf8)
        wire.append(LoopbackServer.chunk("hello "))
        wire.append(LoopbackServer.chunk("world"))
        wire.append(Data("0\r\nX-Sum: 42\r\n\r\n".utf8))
        let server = try LoopbackServer(script: [.readRequest, .write(wire)])
        let client = try #require(CurlClient())
        let response = try #require(client.perform(HTTPRequest(url: server.baseURL)).response)
        #expect(response.body == Data("hello world".utf8))
        #expect(response.trailers.first("x-sum") == "42")
        #expect(!response.headers.contains("X-Sum"))
    }

    /// Followed redirects report the final response only, and the redirect count.
    @Test func followsRedirectsWhenAsked() throws {
        // Each script closes its connection, so each request lands on the next script.
        let redirect = LoopbackServer.response(status: 302, reason: "Found", headers: [("Location", "/next")])
        let server = try LoopbackServer(scripts: [
            [.readRequest, .write(redirect)], [.readRequest, .write(redirect)],
            [.readRequest, .write(LoopbackServer.response(body: "final"))],
        ])
        let client = try #require(CurlClient())
        var options = TransportOptions()
        let unfollowed = client.perform(HTTPRequest(url: server.baseURL + "/start"), options: options)
        #expect(unfollowed.response?.status == 302)
        options.followRedirects = true
        let followed = client.perform(HTTPRequest(url: server.baseURL + "/start"), options: options)
        #expect(followed.response?.status == 200)
        #expect(followed.response?.body == Data("final".utf8))
        #expect(followed.redirectCount == 1)
        #expect(followed.effectiveURL.hasSuffix("/next"))
        #expect(server.requests.map(\.target) == ["/start", "/start", "/next"])
    }
}
