import AssayTargetKit
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// RFC 9112 framing rules, as the running target applies them over loopback with raw sockets.
@Suite struct HTTPFramingTests {
    /// Sends raw bytes on a fresh connection and reads the one response.
    private func exchange(_ port: Int, _ text: String) throws -> RawResponse {
        let client = try RawHTTPClient(port: port)
        client.send(Array(text.utf8))
        return try client.readResponse()
    }

    /// Proves each smuggling-prone framing gets 400 malformed_request and a closed connection.
    @Test func ambiguousLengthsAreRejected() throws {
        let target = try Fixtures.start()
        let heads = [
            "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\nhello!",
            "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello",
            "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\nhello",
            "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\nhello\r\n0\r\n\r\n",
        ]
        for head in heads {
            let client = try RawHTTPClient(port: target.port)
            client.send(Array(head.utf8))
            let response = try client.readResponse()
            #expect(response.status == 400, "\(head)")
            #expect(Fixtures.hasEnvelope(response, code: "malformed_request"), "\(head)")
            #expect(client.isClosedByPeer(), "\(head)")
        }
    }

    /// Proves repeated identical lengths are one length (RFC 9110 section 8.6), so the request is served.
    @Test func identicalLengthsAreOneLength() throws {
        let target = try Fixtures.start()
        let body = #"{"model":"assay-small","input":"hi"}"#
        let response = try exchange(
            target.port,
            "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Tokens.full)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
                + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
        #expect(response.status == 200)
    }

    /// Proves blank lines before the request line are skipped, on a fresh connection and between
    /// keep-alive requests (a stray CRLF after a body), instead of hanging until a timeout.
    @Test func blankLinesBeforeTheRequestLineAreIgnored() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        client.send(Array("\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(try client.readResponse().status == 200)
        client.send(Array("\r\n\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(try client.readResponse().status == 200)
    }

    /// Proves trailers past their cap get 413 instead of being read without end.
    @Test func trailersHaveACap() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        client.send(Array("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n".utf8))
        let trailer = Array("X-Pad: \(String(repeating: "a", count: 1000))\r\n".utf8)
        // 64 KiB of trailers, four times the cap; the server drains what it does not read.
        for _ in 0..<64 { client.send(trailer) }
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(Fixtures.hasEnvelope(response, code: "request_too_large"))
    }

    /// Reads a response only when bytes are already waiting, so the sender loop stays unordered by time.
    private func readIfReady(_ client: RawHTTPClient) throws -> RawResponse? {
        var poll = pollfd(fd: client.fd, events: Int16(POLLIN), revents: 0)
        guard Glibc.poll(&poll, 1, 0) > 0 else { return nil }
        return try client.readResponse()
    }

    /// Proves an incomplete head gets 408 once the head timeout passes, though the idle timeout is long.
    @Test func slowHeadGets408() throws {
        let target = try Fixtures.start(["--head-timeout", "300ms", "--idle-timeout", "120s"])
        let client = try RawHTTPClient(port: target.port)
        client.send(Array("GET /healthz HTTP/1.1\r\nHost: x\r\n".utf8))
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(Fixtures.hasEnvelope(response, code: "request_timeout"))
        #expect(client.isClosedByPeer())
    }

    /// Proves a trickled head does not reset the head timeout: a byte at a time still ends in 408.
    @Test func trickledHeadGets408() throws {
        let target = try Fixtures.start(["--head-timeout", "500ms", "--idle-timeout", "120s"])
        let client = try RawHTTPClient(port: target.port)
        client.send(Array("GET /healthz HTTP/1.1\r\n".utf8))
        var response: RawResponse?
        for _ in 0..<1000 {
            client.send(Array("X".utf8))
            if let answer = try readIfReady(client) {
                response = answer
                break
            }
            usleep(20_000)  // pacing of the attack itself, not ordering
        }
        #expect(response?.status == 408)
    }

    /// Proves connections past the cap get 503 with Retry-After, held ones are still served, and a
    /// slot freed by a closed connection is reused.
    @Test func connectionCapAnswers503() throws {
        let target = try Fixtures.start(["--max-connections", "3"])
        let held = try (0..<3).map { _ in try RawHTTPClient(port: target.port) }
        // Accept is in order, so the fourth is judged after the first three are counted.
        let extra = try RawHTTPClient(port: target.port)
        let refused = try extra.readResponse()
        #expect(refused.status == 503)
        #expect(refused.header("Retry-After") == "1")
        #expect(Fixtures.hasEnvelope(refused, code: "server_overloaded"))
        #expect(extra.isClosedByPeer())
        for client in held {
            #expect(try client.request("GET", "/healthz").status == 200)
        }
        // The server forgets a connection before closing it, so once EOF is seen its slot is free.
        let closing = try held[0].request("GET", "/healthz", headers: ["Connection": "close"])
        #expect(closing.status == 200)
        #expect(held[0].isClosedByPeer())
        let fresh = try RawHTTPClient(port: target.port)
        #expect(try fresh.request("GET", "/healthz").status == 200)
    }

    /// Proves a slowloris flood far past the cap leaves the target answering: the cap holds threads
    /// down, and a freed slot serves a real request.
    @Test func slowlorisFloodIsBounded() throws {
        let target = try Fixtures.start(["--max-connections", "16"])
        var flood: [RawHTTPClient] = []
        for _ in 0..<200 {
            let client = try RawHTTPClient(port: target.port)
            client.send(Array("GET /healthz HTTP/1.1\r\nX-Slow: ".utf8))
            flood.append(client)
        }
        let last = try RawHTTPClient(port: target.port)
        #expect(try last.readResponse().status == 503)
        #expect(try threadCount(target.process.processIdentifier) < 40)
        flood.removeAll()
        // Once the flood is gone, slots come back; a new client is served on the first free one.
        var served = false
        for _ in 0..<200 where !served {
            let client = try RawHTTPClient(port: target.port)
            served = (try? client.request("GET", "/healthz").status) == 200
        }
        #expect(served)
    }

    private func threadCount(_ pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("Threads:") } ?? ""
        return Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) ?? -1
    }
}
