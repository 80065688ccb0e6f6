import Foundation
import Testing

@Suite struct IndexAndServiceTests {
    /// Proves the index chain: create, get, ranked search, delete, then get and search both 404.
    @Test func indexChain() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let created = try client.request(
            "POST", "/v1/indexes",
            body:
                "{\"name\":\"fruit\",\"documents\":[\"red apple pie\",{\"id\":\"p\",\"text\":\"green pear\"},\"red wine\"]}",
            token: Tokens.full)
        #expect(created.status == 200)
        guard let id = created.json?["id"] as? String else {
            Issue.record("no id")
            return
        }
        #expect(created.json?["document_count"] as? Int == 3)
        #expect(try client.request("GET", "/v1/indexes/\(id)", token: Tokens.full).json?["name"] as? String == "fruit")
        let search = try client.request(
            "POST", "/v1/indexes/\(id)/search", body: "{\"query\":\"red apple\",\"top_k\":5}", token: Tokens.full)
        let ids = (search.json?["data"] as? [[String: Any]])?.compactMap { $0["document_id"] as? String }
        #expect(ids == ["doc_0", "doc_2"])
        let deleted = try client.request("DELETE", "/v1/indexes/\(id)", token: Tokens.full)
        #expect(deleted.json?["deleted"] as? Bool == true)
        let gone = try client.request("GET", "/v1/indexes/\(id)", token: Tokens.full)
        #expect(gone.status == 404)
        #expect(Fixtures.hasEnvelope(gone, code: "index_not_found"))
        let searchGone = try client.request(
            "POST", "/v1/indexes/\(id)/search", body: "{\"query\":\"red\"}", token: Tokens.full)
        #expect(searchGone.status == 404)
        #expect(try client.request("DELETE", "/v1/indexes/\(id)", token: Tokens.full).status == 404)
    }

    /// Proves bad index input answers 422 in the envelope naming the parameter.
    @Test func indexBadInput() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let noName = try client.request("POST", "/v1/indexes", body: "{\"documents\":[\"a\"]}", token: Tokens.full)
        #expect(noName.status == 422)
        #expect(Fixtures.hasEnvelope(noName, code: "missing_required_parameter"))
        #expect(noName.envelope?["param"] as? String == "name")
        let badDocs = try client.request(
            "POST", "/v1/indexes", body: "{\"name\":\"x\",\"documents\":[1]}", token: Tokens.full)
        #expect(badDocs.status == 422)
        #expect(badDocs.envelope?["param"] as? String == "documents")
    }

    /// Proves the 413 envelope for a declared oversize body, and for a chunked body that grows past the limit.
    @Test func requestSizeLimit() throws {
        let target = try Fixtures.start(["--max-body-bytes", "100"])
        let declared = try RawHTTPClient(port: target.port)
        let big = try declared.request(
            "POST", "/v1/dreams", body: String(repeating: "x", count: 101), token: Tokens.full)
        #expect(big.status == 413)
        #expect(Fixtures.hasEnvelope(big, code: "request_too_large"))
        #expect(Fixtures.isTraceID(big.header("X-Trace-Id")))
        let chunked = try RawHTTPClient(port: target.port)
        let chunk = String(repeating: "y", count: 60)
        chunked.send(
            Array(
                ("POST /v1/dreams HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                    + "3c\r\n\(chunk)\r\n3c\r\n\(chunk)\r\n0\r\n\r\n").utf8))
        #expect(try chunked.readResponse().status == 413)
    }

    /// Proves a chunked request body sent in awkward pieces is decoded and served.
    @Test func chunkedRequestBody() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let body = "{\"model\":\"assay-small\",\"prompt\":\"chunky\"}"
        let half = body.index(body.startIndex, offsetBy: 10)
        let wire =
            "POST /v1/dreams HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Tokens.full)\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "\(String(body[..<half].utf8.count, radix: 16))\r\n\(body[..<half])\r\n"
            + "\(String(body[half...].utf8.count, radix: 16))\r\n\(body[half...])\r\n0\r\n\r\n"
        for piece in Array(wire.utf8).chunked(7) {
            client.send(piece)
            usleep(1_000)
        }
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.json?["prompt"] as? String == "chunky")
    }

    /// Proves healthz, readyz and metrics answer without auth and metrics counts requests in Prometheus text.
    @Test func healthAndMetrics() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        #expect(try client.request("GET", "/healthz").json?["status"] as? String == "ok")
        #expect(try client.request("GET", "/readyz").json?["status"] as? String == "ready")
        _ = try client.request("GET", "/v1/models", token: Tokens.full)
        let metrics = try client.request("GET", "/metrics")
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
        #expect(metrics.text.contains("assay_target_requests_total{route=\"GET /v1/models\",status=\"200\"} 1"))
        #expect(metrics.header("x-ratelimit-limit-requests") == nil)
    }

    /// Proves the OpenAPI document has servers, x-service-version, the header components and every /v1 path.
    @Test func openAPIDocument() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let document = try client.request("GET", "/openapi.json").json
        #expect(document?["openapi"] as? String == "3.1.0")
        #expect((document?["servers"] as? [[String: Any]])?.first?["url"] as? String != nil)
        #expect((document?["info"] as? [String: Any])?["x-service-version"] as? String != nil)
        let headers = (document?["components"] as? [String: Any])?["headers"] as? [String: Any]
        #expect(headers?["X-Trace-Id"] != nil && headers?["Idempotency-Key"] != nil)
        let paths = (document?["paths"] as? [String: Any])?.keys.sorted() ?? []
        for path in [
            "/v1/models", "/v1/models/{id}", "/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/dreams",
            "/v1/indexes", "/v1/indexes/{id}", "/v1/indexes/{id}/search", "/healthz", "/readyz", "/metrics",
        ] {
            #expect(paths.contains(path), "\(path)")
        }
    }
}

extension Array {
    /// Splits into pieces of at most `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
