import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// One easy handle carries many transfers, each configured from a reset handle: nothing of one
/// request (method, body, redirect following) may leak into the next.
@Suite struct TransportHandleReuseTests {
    /// Answers every request on the connection: HEAD with a head only, `/r` with a redirect to
    /// `/final`, anything else with "<METHOD> <target>" as the body.
    private static func answer(_ request: LoopbackServer.RecordedRequest) -> Data {
        if request.method == "HEAD" {
            return Data("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n".utf8)
        }
        if request.target == "/r" {
            return LoopbackServer.response(
                status: 302, reason: "Found", headers: [("Location", "/final")], body: "moved")
        }
        return LoopbackServer.response(body: "\(request.method) \(request.target)")
    }

    @Test func requestsOnOneHandleDoNotLeakIntoEachOther() throws {
        let server = try LoopbackServer(script: [.serve { Self.answer($0) }])
        let client = try #require(CurlClient())
        let plain = TransportOptions()
        var following = TransportOptions()
        following.followRedirects = true

        func send(
            _ method: String, _ path: String, headers: [(String, String)] = [], body: String? = nil,
            options: TransportOptions = TransportOptions()
        ) -> Exchange {
            var fields = HTTPHeaders()
            for (name, value) in headers { fields.append(name: name, value: value) }
            let request = HTTPRequest(
                method: method, url: server.baseURL + path, headers: fields, body: body.map { Data($0.utf8) })
            return client.perform(request, options: options)
        }

        let sent: [(exchange: Exchange, body: String?)] = [
            (send("GET", "/a", headers: [("X-One", "1")]), "GET /a"),
            (send("GET", "/b", headers: [("X-Two", "2")]), "GET /b"),
            (send("HEAD", "/c"), ""),
            (send("GET", "/d"), "GET /d"),
            (send("POST", "/e", headers: [("Content-Type", "text/plain")], body: "payload"), "POST /e"),
            (send("GET", "/f"), "GET /f"),
            (send("DELETE", "/g"), "DELETE /g"),
            (send("GET", "/h"), "GET /h"),
            (send("GET", "/r", options: plain), "moved"),
            (send("GET", "/r", options: following), "GET /final"),
            (send("GET", "/r", options: plain), "moved"),
        ]
        for (index, item) in sent.enumerated() {
            #expect(item.exchange.failure == nil, "request \(index)")
            #expect(
                item.exchange.response.map { String(decoding: $0.body, as: UTF8.self) } == item.body, "request \(index)"
            )
        }
        #expect(sent.map { $0.exchange.response?.status } == [200, 200, 200, 200, 200, 200, 200, 200, 302, 200, 302])

        let seen = server.requests
        #expect(
            seen.map { "\($0.method) \($0.target)" } == [
                "GET /a", "GET /b", "HEAD /c", "GET /d", "POST /e", "GET /f", "DELETE /g", "GET /h", "GET /r", "GET /r",
                "GET /final", "GET /r",
            ])
        // Headers belong to their own request only.
        #expect(seen[0].header("X-One") == "1")
        #expect(seen[1].header("X-Two") == "2" && seen[1].header("X-One") == nil)
        #expect(seen[5].header("Content-Type") == nil)
        // Only the POST carries a body.
        #expect(
            seen.map { String(decoding: $0.body, as: UTF8.self) } == [
                "", "", "", "", "payload", "", "", "", "", "", "", "",
            ])
        #expect(seen.filter { $0.header("Content-Length") != nil }.map(\.target) == ["/e"])
        // One connection for all of them: the handle and its connection are reused throughout.
        #expect(server.connectionCount == 1)
    }
}
