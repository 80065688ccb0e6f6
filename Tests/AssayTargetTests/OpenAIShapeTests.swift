import Foundation
import Testing

/// The target's OpenAI shapes beyond what the fault matrix breaks: chat parameters, tool-call
/// histories, parameter rejection, the incomplete stream and the OpenAPI document's promises.
@Suite struct OpenAIShapeTests {
    private func post(_ client: RawHTTPClient, _ path: String, _ body: String) throws -> RawResponse {
        try client.request("POST", path, body: body, token: Tokens.full)
    }

    /// Proves `n` gives that many indexed choices, in JSON and in the stream, and usage counts them all.
    @Test func chatN() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let body = #"{"model":"assay-small","messages":[{"role":"user","content":"hi"}],"n":3}"#
        let json = try post(client, "/v1/chat/completions", body).json
        let choices = json?["choices"] as? [[String: Any]]
        #expect(choices?.map { $0["index"] as? Int } == [0, 1, 2])
        #expect(choices?.allSatisfy { $0["logprobs"] is NSNull } == true)
        let single = try post(client, "/v1/chat/completions", Bodies.chat("hi")).json?["usage"] as? [String: Any]
        let triple = json?["usage"] as? [String: Any]
        #expect((triple?["completion_tokens"] as? Int) == (single?["completion_tokens"] as? Int).map { $0 * 3 })
        let streamed = try post(
            client, "/v1/chat/completions",
            #"{"model":"assay-small","messages":[{"role":"user","content":"hi"}],"n":2,"stream":true}"#)
        let indexes = SSEEvents.events(streamed).compactMap {
            (($0.json?["choices"] as? [[String: Any]])?.first?["index"]) as? Int
        }
        #expect(Set(indexes) == [0, 1])
        let bad = try post(client, "/v1/chat/completions", Bodies.chat("hi").dropLast() + #","n":0}"#)
        #expect(bad.status == 400 && bad.envelope?["param"] as? String == "n")
    }

    /// Proves `max_completion_tokens` cuts the answer like `max_tokens`.
    @Test func maxCompletionTokens() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let json = try post(
            client, "/v1/chat/completions",
            #"{"model":"assay-small","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":1}"#
        ).json
        let choice = (json?["choices"] as? [[String: Any]])?.first
        #expect(choice?["finish_reason"] as? String == "length")
        #expect((json?["usage"] as? [String: Any])?["completion_tokens"] as? Int == 1)
    }

    /// Proves a tool-call history (assistant with null content and tool_calls, then a tool message) is served.
    @Test func toolCallHistory() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let body = """
            {"model":"assay-small","messages":[{"role":"user","content":"weather?"},\
            {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",\
            "function":{"name":"w","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"Sunny"}]}
            """
        #expect(try post(client, "/v1/chat/completions", body).status == 200)
    }

    /// Proves unimplemented and unknown parameters, and ignored ones of the wrong type, get a 400 naming them.
    @Test func parametersAreNamed() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let cases: [(String, String, String, String)] = [
            ("/v1/chat/completions", #""tools":[{"type":"function"}]"#, "tools", "unsupported_parameter"),
            ("/v1/chat/completions", #""logprobs":true"#, "logprobs", "unsupported_parameter"),
            ("/v1/chat/completions", #""frobnicate":1"#, "frobnicate", "unknown_parameter"),
            ("/v1/chat/completions", #""user":{}"#, "user", "invalid_type"),
            ("/v1/responses", #""previous_response_id":"r1""#, "previous_response_id", "unsupported_parameter"),
            ("/v1/responses", #""temperature":"hot""#, "temperature", "invalid_type"),
            ("/v1/embeddings", #""encoding_format":"foo""#, "encoding_format", "invalid_value"),
        ]
        for (path, extra, param, code) in cases {
            let base =
                path == "/v1/chat/completions"
                ? #"{"model":"assay-small","messages":[{"role":"user","content":"hi"}]"#
                : path == "/v1/responses"
                    ? #"{"model":"assay-small","input":"hi""# : #"{"model":"assay-small","input":"hi""#
            let response = try post(client, path, base + "," + extra + "}")
            #expect(response.status == 400, "\(param)")
            #expect(response.envelope?["param"] as? String == param, "\(param)")
            #expect(response.envelope?["code"] as? String == code, "\(param)")
        }
        // Null means absent, and an empty tools list uses no tool.
        let nulls = #"{"model":"assay-small","messages":[{"role":"user","content":"hi"}],"tools":[],"stop":null}"#
        #expect(try post(client, "/v1/chat/completions", nulls).status == 200)
    }

    /// Proves a cut-off Responses stream ends with `response.incomplete` carrying incomplete_details,
    /// and text events carry `logprobs`.
    @Test func incompleteStream() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let events = SSEEvents.events(
            try post(
                client, "/v1/responses",
                #"{"model":"assay-small","input":"a long story","max_output_tokens":1,"stream":true}"#
            ))
        #expect(events.last?.event == "response.incomplete")
        let final = events.last?.json?["response"] as? [String: Any]
        #expect((final?["incomplete_details"] as? [String: Any])?["reason"] as? String == "max_output_tokens")
        let textEvents = events.filter { ($0.event ?? "").hasPrefix("response.output_text.") }
        #expect(!textEvents.isEmpty && textEvents.allSatisfy { $0.json?["logprobs"] is [Any] })
    }

    /// Proves the document keeps its promises: debug/fail declares no 200, Idempotency-Key has a
    /// minLength, the health 503 is the status body, and POST bodies have named schemas.
    @Test func openAPIDocument() throws {
        let target = try Fixtures.start()
        let document = try RawHTTPClient(port: target.port).request("GET", "/openapi.json").json ?? [:]
        let paths = document["paths"] as? [String: [String: Any]]
        let fail = paths?["/v1/debug/fail"]?["post"] as? [String: Any]
        #expect((fail?["responses"] as? [String: Any])?["200"] == nil)
        #expect((fail?["responses"] as? [String: Any])?["500"] != nil)
        let key =
            (document["components"] as? [String: Any]).flatMap { $0["headers"] as? [String: Any] }?[
                "Idempotency-Key"] as? [String: Any]
        #expect((key?["schema"] as? [String: Any])?["minLength"] as? Int == 1)
        let health = (paths?["/healthz"]?["get"] as? [String: Any])?["responses"] as? [String: Any]
        #expect("\(health?["503"] ?? "")".contains("HealthStatus"))
        let chat = paths?["/v1/chat/completions"]?["post"] as? [String: Any]
        #expect("\(chat?["requestBody"] ?? "")".contains("ChatCompletionRequest"))
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        for name in ["Response", "ResponseStreamEvent", "ChatCompletionChunk", "EmbeddingList", "ModelId"] {
            #expect(schemas?[name] != nil, "\(name)")
        }
    }
}
