import AssayTestSupport
import Foundation
import Testing

@Suite struct WireTests {
    /// Proves `Expect: 100-continue` gets an interim 100 before the body is sent, as libcurl expects for large POSTs.
    @Test func expectContinue() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let body = "{\"model\":\"assay-small\",\"prompt\":\"wait\"}"
        client.send(
            Array(
                ("POST /v1/dreams HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Tokens.full)\r\n"
                    + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
                    .utf8))
        var interim = [UInt8](repeating: 0, count: 25)
        let count = recv(client.fd, &interim, interim.count, Int32(MSG_WAITALL))
        #expect(String(decoding: interim.prefix(max(0, count)), as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
        client.send(Array(body.utf8))
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.json?["prompt"] as? String == "wait")
    }

    /// Proves pipelined requests on one connection are answered in order.
    @Test func pipelining() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        client.send(
            RawHTTPClient.encode("GET", "/v1/models/assay-small", token: Tokens.full)
                + RawHTTPClient.encode("GET", "/v1/models/assay-large", token: Tokens.full))
        #expect(try client.readResponse().json?["id"] as? String == "assay-small")
        #expect(try client.readResponse().json?["id"] as? String == "assay-large")
    }

    /// Proves a malformed request line gets a 400 envelope with trace headers and the connection closes.
    @Test func malformedRequest() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        client.send(Array("BROKEN\r\n\r\n".utf8))
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(Fixtures.hasEnvelope(response, code: "malformed_request"))
        #expect(Fixtures.isTraceID(response.header("X-Trace-Id")))
        #expect(client.isClosedByPeer())
    }

    /// Proves --tokens-file grants the listed tokens and scopes.
    @Test func tokensFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "# comment\nsk-file-read=models:read\n\nsk-file-all\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let target = try TargetProcess(arguments: ["--tokens-file", path])
        let client = try RawHTTPClient(port: target.port)
        #expect(try client.request("GET", "/v1/models", token: "sk-file-read").status == 200)
        #expect(try client.request("POST", "/v1/dreams", body: "{}", token: "sk-file-read").status == 403)
        #expect(try client.request("GET", "/v1/models", token: "sk-assay-full").status == 401)
        #expect(
            try client.request(
                "POST", "/v1/dreams", body: "{\"model\":\"assay-small\",\"prompt\":\"p\"}", token: "sk-file-all"
            ).status == 200)
    }

    /// Proves the default tokens apply when none are given: sk-assay-full has every scope, sk-assay-models only models:read.
    @Test func defaultTokens() throws {
        let target = try TargetProcess()
        let client = try RawHTTPClient(port: target.port)
        #expect(try client.request("GET", "/v1/models", token: "sk-assay-full").status == 200)
        #expect(try client.request("GET", "/v1/models", token: "sk-assay-models").status == 200)
        #expect(try client.request("POST", "/v1/dreams", body: "{}", token: "sk-assay-models").status == 403)
    }

    /// Proves a token limit cuts the answer: chat finish_reason becomes length and the response status incomplete.
    @Test func tokenLimit() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let chat = try client.request(
            "POST", "/v1/chat/completions",
            body: "{\"model\":\"assay-small\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
            token: Tokens.full)
        let choice = (chat.json?["choices"] as? [[String: Any]])?.first
        #expect(choice?["finish_reason"] as? String == "length")
        #expect((chat.json?["usage"] as? [String: Any])?["completion_tokens"] as? Int == 2)
        let response = try client.request(
            "POST", "/v1/responses", body: "{\"model\":\"assay-small\",\"max_output_tokens\":2,\"input\":\"x\"}",
            token: Tokens.full)
        #expect(response.json?["status"] as? String == "incomplete")
        let full = try client.request("POST", "/v1/responses", body: Bodies.responses("x"), token: Tokens.full)
        #expect(full.json?["status"] as? String == "completed")
    }
}
