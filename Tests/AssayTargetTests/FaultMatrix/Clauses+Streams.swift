import Foundation

extension Clauses {
    static let streams: [Clause] = [
        Clause(name: "sse-content-type") { targets, _ in
            try targets.chatStream.header("Content-Type")?.hasPrefix("text/event-stream") == true
        },
        Clause(name: "stream-honoured") { targets, _ in
            let stream = try targets.chatStream
            return stream.header("Transfer-Encoding") == "chunked" && !SSEEvents.events(stream).isEmpty
        },
        Clause(name: "heartbeat") { targets, _ in
            // 300 ms pending at a 30 ms heartbeat gives 9 pings (4x slower gives 2); the server schedules
            // them on absolute deadlines, so a late thread sends the missed ones rather than fewer.
            let blocks = SSEEvents.parse(try targets.chatStream)
            return blocks.prefix { $0.data == nil }.filter { $0.comment == "ping" }.count >= 6
        },
        Clause(name: "chat-json-frames") { targets, _ in
            SSEEvents.events(try targets.chatStream).allSatisfy { $0.data == "[DONE]" || $0.json != nil }
        },
        Clause(name: "chat-done") { targets, _ in
            SSEEvents.events(try targets.chatStream).last?.data == "[DONE]"
        },
        Clause(name: "chat-framing") { targets, _ in
            let chunks = SSEEvents.events(try targets.chatStream).compactMap(\.json)
            let choices = chunks.compactMap { ($0["choices"] as? [[String: Any]])?.first }
            let role = (choices.first?["delta"] as? [String: Any])?["role"] as? String
            return role == "assistant" && choices.contains { $0["finish_reason"] as? String == "stop" }
        },
        Clause(name: "usage-chunk") { targets, _ in
            SSEEvents.events(try targets.chatStream).compactMap(\.json).contains {
                ($0["usage"] as? [String: Any])?["total_tokens"] is Int && ($0["choices"] as? [Any])?.isEmpty == true
            }
        },
        Clause(name: "responses-order") { targets, _ in
            let positions = SSEEvents.events(try targets.responsesStream).compactMap {
                ($0.json?["type"] as? String).flatMap { documentedOrder.firstIndex(of: $0) }
            }
            return zip(positions.dropFirst(), positions).allSatisfy { $0 >= $1 }
        },
        Clause(name: "event-type-match") { targets, _ in
            SSEEvents.events(try targets.responsesStream).allSatisfy { $0.event == $0.json?["type"] as? String }
        },
        Clause(name: "sequence-numbers") { targets, _ in
            let numbers = SSEEvents.events(try targets.responsesStream).map { $0.json?["sequence_number"] as? Int }
            return numbers == (0..<numbers.count).map { Optional($0) }
        },
        Clause(name: "responses-completed") { targets, _ in
            SSEEvents.events(try targets.responsesStream).last?.event == "response.completed"
        },
        Clause(name: "reassembly") { targets, _ in
            let chat = SSEEvents.chatText(SSEEvents.events(try targets.chatStream))
            let responses = SSEEvents.responsesText(SSEEvents.events(try targets.responsesStream))
            let chatText = try targets.chatJSON.answerText
            let responsesText = try targets.responsesJSON.answerText
            return chat == chatText && responses == responsesText
        },
        Clause(name: "no-error-frame") { targets, _ in
            let events = SSEEvents.events(try targets.chatStream) + SSEEvents.events(try targets.responsesStream)
            return !events.contains { $0.json?["error"] != nil || $0.event == "error" }
        },
        // The stream-error model: deltas, then the error the OpenAI way. Chat: an envelope frame with
        // all four members (a `[DONE]` may follow). Responses: an `error` event with code, message, param.
        Clause(name: "stream-error-chat") { targets, token in
            let stream = try targets.client().request(
                "POST", "/v1/chat/completions", body: Bodies.chat(stream: true, model: "assay-stream-error"),
                token: token)
            var events = SSEEvents.events(stream)
            if events.last?.data == "[DONE]" { events.removeLast() }
            let error = events.last?.json?["error"] as? [String: Any]
            let deltas = SSEEvents.chatText(Array(events.dropLast()))
            return !deltas.isEmpty && error?["message"] is String && error?["type"] is String
                && error?.keys.contains("param") == true && error?.keys.contains("code") == true
        },
        Clause(name: "stream-error-responses") { targets, token in
            let stream = try targets.client().request(
                "POST", "/v1/responses", body: Bodies.responses(stream: true, model: "assay-stream-error"),
                token: token)
            let events = SSEEvents.events(stream)
            let last = events.last?.json
            return !SSEEvents.responsesText(events).isEmpty && events.last?.event == "error"
                && last?["type"] as? String == "error" && last?["message"] is String && last?["sequence_number"] is Int
                && last?.keys.contains("code") == true && last?.keys.contains("param") == true
        },
        Clause(name: "chat-responses-parity") { targets, _ in
            let chat = try targets.chatJSON.answerText
            let responses = try targets.responsesJSON.answerText
            return chat != nil && chat == responses
        },
    ]

    static func dream(_ client: RawHTTPClient, key: String, prompt: String, token: String, delayMs: Int? = nil) throws
        -> RawResponse
    {
        var headers = ["Idempotency-Key": key]
        if let delayMs { headers["X-Debug-Delay-Ms"] = String(delayMs) }
        return try client.request(
            "POST", "/v1/dreams", headers: headers, body: "{\"model\":\"assay-small\",\"prompt\":\"\(prompt)\"}",
            token: token)
    }

    static let idempotency: [Clause] = [
        Clause(name: "idem-replay") { targets, token in
            let client = try targets.client()
            let first = try dream(client, key: "k-\(token)", prompt: "a", token: token)
            let second = try dream(client, key: "k-\(token)", prompt: "a", token: token)
            return first.status == 200 && first.body == second.body
        },
        Clause(name: "idem-marker") { targets, token in
            let client = try targets.client()
            _ = try dream(client, key: "k-\(token)", prompt: "a", token: token)
            return try dream(client, key: "k-\(token)", prompt: "a", token: token).header("Idempotent-Replayed")
                == "true"
        },
        Clause(name: "idem-mismatch") { targets, token in
            let client = try targets.client()
            _ = try dream(client, key: "k-\(token)", prompt: "a", token: token)
            let other = try dream(client, key: "k-\(token)", prompt: "b", token: token)
            return other.status == 422 && code(other) == "idempotency_key_reused"
        },
        Clause(name: "idem-in-flight") { targets, token in
            // Two duplicates sent at once, each held 3 s in the route: whichever the server admits
            // first is in flight while the other arrives, so exactly one must get 409. No sleep
            // decides the order, and the hold leaves room for a loaded machine.
            let clients = try [targets.client(), targets.client()]
            let request = RawHTTPClient.encode(
                "POST", "/v1/dreams", headers: ["Idempotency-Key": "k-\(token)", "X-Debug-Delay-Ms": "3000"],
                body: "{\"model\":\"assay-small\",\"prompt\":\"a\"}", token: token)
            for client in clients { client.send(request) }
            let responses = try clients.map { try $0.readResponse(method: "POST") }
            let conflicts = responses.filter { $0.status == 409 && code($0) == "idempotency_key_in_use" }
            return conflicts.count == 1 && responses.contains { $0.status == 200 }
        },
        Clause(name: "idem-ttl") { targets, token in
            let client = try targets.client()
            let first = try dream(client, key: "k-\(token)", prompt: "a", token: token)
            // The key lives 2 s from the first answer; waiting longer can only expire it.
            Thread.sleep(forTimeInterval: 2.3)
            let later = try dream(client, key: "k-\(token)", prompt: "a", token: token)
            return later.header("Idempotent-Replayed") == nil
                && later.json?["id"] as? String != first.json?["id"] as? String
        },
        Clause(name: "idem-scoped") { targets, token in
            let client = try targets.client()
            let first = try dream(client, key: "k-\(token)", prompt: "a", token: token)
            let other = try dream(client, key: "k-\(token)", prompt: "a", token: token + "-2")
            return other.header("Idempotent-Replayed") == nil
                && other.json?["id"] as? String != first.json?["id"] as? String
        },
    ]

    static let documents: [Clause] = [
        Clause(name: "openapi-servers") { targets, _ in
            ((try targets.openAPI)["servers"] as? [[String: Any]])?.first?["url"] is String
        },
        Clause(name: "openapi-version") { targets, _ in
            ((try targets.openAPI)["info"] as? [String: Any])?["x-service-version"] is String
        },
        Clause(name: "openapi-headers") { targets, _ in
            let headers = ((try targets.openAPI)["components"] as? [String: Any])?["headers"] as? [String: Any]
            return headers?["X-Trace-Id"] != nil && headers?["Idempotency-Key"] != nil
        },
        Clause(name: "index-chain") { targets, token in
            let client = try targets.client()
            let created = try client.request(
                "POST", "/v1/indexes", body: "{\"name\":\"n\",\"documents\":[\"red apple\",\"blue sky\"]}", token: token
            )
            guard let id = created.json?["id"] as? String else { return false }
            let get = try client.request("GET", "/v1/indexes/\(id)", token: token)
            let search = try client.request(
                "POST", "/v1/indexes/\(id)/search", body: "{\"query\":\"red\"}", token: token)
            let delete = try client.request("DELETE", "/v1/indexes/\(id)", token: token)
            let getGone = try client.request("GET", "/v1/indexes/\(id)", token: token)
            let searchGone = try client.request(
                "POST", "/v1/indexes/\(id)/search", body: "{\"query\":\"red\"}", token: token)
            return get.status == 200 && search.status == 200 && delete.status == 200 && getGone.status == 404
                && searchGone.status == 404 && code(searchGone) == "index_not_found"
        },
        Clause(name: "index-bad-input") { targets, token in
            let response = try targets.client().request("POST", "/v1/indexes", body: "{}", token: token)
            return response.status == 422 && code(response) == "missing_required_parameter"
        },
        Clause(name: "healthz") { targets, _ in try targets.client().request("GET", "/healthz").status == 200 },
        Clause(name: "readyz") { targets, _ in try targets.client().request("GET", "/readyz").status == 200 },
    ]
}
