import Foundation
import Testing

@Suite struct CompletionTests {
    /// Proves chat and responses give the same text for the same input, and the text depends on the input.
    @Test func chatMatchesResponses() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let chat = try client.request("POST", "/v1/chat/completions", body: Bodies.chat("abc"), token: Tokens.full)
        let responses = try client.request("POST", "/v1/responses", body: Bodies.responses("abc"), token: Tokens.full)
        #expect(chat.status == 200 && responses.status == 200)
        #expect(chat.answerText != nil)
        #expect(chat.answerText == responses.answerText)
        let other = try client.request("POST", "/v1/responses", body: Bodies.responses("xyz"), token: Tokens.full)
        let again = try client.request("POST", "/v1/responses", body: Bodies.responses("abc"), token: Tokens.full)
        #expect(again.answerText == responses.answerText)
        #expect(other.answerText != responses.answerText)
        #expect(chat.json?["object"] as? String == "chat.completion")
        #expect(responses.json?["object"] as? String == "response")
    }

    /// Proves the chat stream's framing: role first, finish_reason on the last content chunk, usage, then [DONE].
    @Test func chatStreamFraming() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let plain = try client.request("POST", "/v1/chat/completions", body: Bodies.chat(), token: Tokens.full)
        let stream = try client.request(
            "POST", "/v1/chat/completions", body: Bodies.chat(stream: true, usage: true), token: Tokens.full)
        #expect(stream.status == 200)
        #expect(stream.header("Content-Type")?.hasPrefix("text/event-stream") == true)
        #expect(Fixtures.isTraceID(stream.header("X-Trace-Id")))
        let events = SSEEvents.events(stream)
        #expect(events.last?.data == "[DONE]")
        let chunks = events.dropLast().compactMap(\.json)
        let first = (chunks.first?["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any]
        #expect(first?["role"] as? String == "assistant")
        let usage = chunks.last
        #expect((usage?["choices"] as? [Any])?.isEmpty == true)
        #expect((usage?["usage"] as? [String: Any])?["total_tokens"] is Int)
        let lastContent = chunks.dropLast().last.flatMap { ($0["choices"] as? [[String: Any]])?.first }
        #expect(lastContent?["finish_reason"] as? String == "stop")
        let middle = chunks.dropFirst().dropLast(2).compactMap { ($0["choices"] as? [[String: Any]])?.first }
        #expect(middle.allSatisfy { $0["finish_reason"] is NSNull })
        #expect(SSEEvents.chatText(events) == plain.answerText)
    }

    /// Proves the responses stream sends the documented event order with contiguous sequence numbers and no [DONE].
    @Test func responsesStreamOrder() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let plain = try client.request("POST", "/v1/responses", body: Bodies.responses(), token: Tokens.full)
        let stream = try client.request(
            "POST", "/v1/responses", body: Bodies.responses(stream: true), token: Tokens.full)
        let events = SSEEvents.events(stream)
        let types = events.map { $0.json?["type"] as? String ?? "?" }
        #expect(events.map(\.event) == types.map { Optional($0) })
        var collapsed: [String] = []
        for type in types where collapsed.last != type { collapsed.append(type) }
        #expect(
            collapsed == [
                "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed",
            ])
        #expect(events.map { $0.json?["sequence_number"] as? Int } == (0..<events.count).map { Optional($0) })
        #expect(!events.contains { $0.data == "[DONE]" })
        #expect(SSEEvents.responsesText(events) == plain.answerText)
        let final = events.last?.json?["response"] as? [String: Any]
        #expect(final?["status"] as? String == "completed")
    }

    /// Proves heartbeats arrive every --heartbeat-ms while pending and deltas are spaced by --token-interval-ms, from byte timestamps.
    @Test func heartbeatAndDeltaTiming() throws {
        let target = try Fixtures.start([
            "--first-token-delay-ms", "600", "--heartbeat-ms", "100", "--token-interval-ms", "40",
        ])
        let client = try RawHTTPClient(port: target.port)
        let start = Clock.now()
        let stream = try client.request(
            "POST", "/v1/chat/completions", body: Bodies.chat(stream: true), token: Tokens.full)
        let blocks = SSEEvents.parse(stream)
        guard let firstData = blocks.firstIndex(where: { $0.data != nil }) else {
            Issue.record("no data events")
            return
        }
        let pings = blocks[..<firstData]
        #expect(pings.allSatisfy { $0.comment == "ping" })
        #expect(pings.count == 5)
        // Wide margins: only ordering and gross spacing are asserted, never tight latencies.
        let gaps = zip(pings.dropFirst(), pings).map { $0.time - $1.time }
        #expect(gaps.allSatisfy { $0 > 0.05 })
        #expect(blocks[firstData].time - start > 0.4)
        #expect(!blocks[(firstData + 1)...].contains { $0.comment != nil })
        let contentTimes = blocks.filter { SSEEvents.chatText([$0]) != "" }.map(\.time)
        let deltaGaps = zip(contentTimes.dropFirst(), contentTimes).map { $0 - $1 }
        #expect(deltaGaps.allSatisfy { $0 > 0.02 })
    }

    /// Proves an unknown model gets 404 model_not_found on every POST endpoint that takes a model.
    @Test func unknownModelOnPosts() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let bodies = [
            ("/v1/chat/completions", Bodies.chat(model: "nope")), ("/v1/responses", Bodies.responses(model: "nope")),
            ("/v1/embeddings", "{\"model\":\"nope\",\"input\":\"a\"}"),
            ("/v1/dreams", "{\"model\":\"nope\",\"prompt\":\"a\"}"),
        ]
        for (path, body) in bodies {
            let response = try client.request("POST", path, body: body, token: Tokens.full)
            #expect(response.status == 404, "\(path)")
            #expect(Fixtures.hasEnvelope(response, code: "model_not_found"), "\(path)")
        }
    }

    /// Proves bad bodies get 400 invalid_json / missing_required_parameter and a wrong content type 415, all enveloped.
    @Test func badBodies() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        for path in ["/v1/chat/completions", "/v1/responses", "/v1/embeddings", "/v1/dreams", "/v1/indexes"] {
            let invalid = try client.request("POST", path, body: "{nope", token: Tokens.full)
            #expect(invalid.status == 400, "\(path)")
            #expect(Fixtures.hasEnvelope(invalid, code: "invalid_json"), "\(path)")
            let wrongType = try client.request(
                "POST", path, headers: ["Content-Type": "text/plain"], body: "{}", token: Tokens.full)
            #expect(wrongType.status == 415, "\(path)")
            #expect(Fixtures.hasEnvelope(wrongType, code: "unsupported_media_type"), "\(path)")
        }
        let missing = try client.request(
            "POST", "/v1/chat/completions", body: "{\"model\":\"assay-small\"}", token: Tokens.full)
        #expect(missing.status == 400)
        #expect(Fixtures.hasEnvelope(missing, code: "missing_required_parameter"))
        #expect(missing.envelope?["param"] as? String == "messages")
    }

    /// Proves embeddings are deterministic unit vectors of the requested size, one per input.
    @Test func embeddings() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let body = "{\"model\":\"assay-small\",\"input\":[\"a\",\"b\"],\"dimensions\":4}"
        let first = try client.request("POST", "/v1/embeddings", body: body, token: Tokens.full)
        let second = try client.request("POST", "/v1/embeddings", body: body, token: Tokens.full)
        #expect(first.status == 200)
        #expect(first.body == second.body)
        let vectors = (first.json?["data"] as? [[String: Any]])?.compactMap { $0["embedding"] as? [Double] } ?? []
        #expect(vectors.count == 2)
        #expect(vectors.allSatisfy { $0.count == 4 && abs($0.reduce(0) { $0 + $1 * $1 } - 1) < 1e-3 })
        #expect(vectors.first != vectors.last)
    }

    /// Proves /v1/dreams answers a dream for a prompt and 400 without one.
    @Test func dreams() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let ok = try client.request(
            "POST", "/v1/dreams", body: "{\"model\":\"assay-small\",\"prompt\":\"sea\"}", token: Tokens.full)
        #expect(ok.status == 200)
        #expect(ok.json?["object"] as? String == "dream")
        #expect((ok.json?["dream"] as? String)?.isEmpty == false)
        let bad = try client.request("POST", "/v1/dreams", body: "{\"model\":\"assay-small\"}", token: Tokens.full)
        #expect(bad.status == 400)
        #expect(bad.envelope?["param"] as? String == "prompt")
        #expect(try client.request("POST", "/v1/dreams", body: "{}", token: Tokens.chat).status == 403)
    }
}
