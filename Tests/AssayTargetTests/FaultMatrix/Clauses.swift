import Foundation

/// One contract clause as a loopback probe: true when the target keeps it.
///
/// Each clause checks one property and nothing else, so a fault shows up only in the clauses it breaks.
struct Clause: Sendable {
    let name: String
    let holds: @Sendable (MatrixTargets, String) throws -> Bool
}

enum Clauses {
    static let documentedOrder = [
        "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
        "response.output_text.delta", "response.output_text.done", "response.content_part.done",
        "response.output_item.done", "response.completed",
    ]

    /// Requests in a drain: twice the burst, so a 429 comes unless the drain takes over 10 s.
    static let drain = 20

    static func code(_ response: RawResponse) -> String? { response.envelope?["code"] as? String }

    /// OpenAI's answer when no key was provided: an envelope whose `code` is null.
    static func noKeyEnvelope(_ response: RawResponse) -> Bool { response.envelope?["code"] is NSNull }

    static func bearer(_ token: String) -> [String: String] { ["Authorization": "Bearer \(token)"] }

    static let all: [Clause] =
        auth + envelopes + traces + rateLimits + streams + idempotency + documents + shapes

    static let auth: [Clause] = [
        Clause(name: "auth-missing") { targets, _ in
            let response = try targets.client().request("GET", "/v1/models")
            return response.status == 401 && noKeyEnvelope(response)
        },
        Clause(name: "auth-malformed") { targets, token in
            let response = try targets.client().request(
                "GET", "/v1/models", headers: ["Authorization": "Basic \(token)"])
            return response.status == 401 && noKeyEnvelope(response)
        },
        Clause(name: "auth-empty") { targets, _ in
            let response = try targets.client().request("GET", "/v1/models", headers: ["Authorization": "Bearer "])
            return response.status == 401 && noKeyEnvelope(response)
        },
        Clause(name: "auth-invalid") { targets, _ in
            let response = try targets.client().request("GET", "/v1/models", token: "sk-not-a-token")
            return response.status == 401 && code(response) == "invalid_api_key"
        },
        Clause(name: "auth-scope") { targets, _ in
            let response = try targets.client().request(
                "POST", "/v1/chat/completions", body: Bodies.chat(), token: Tokens.models)
            return response.status == 403 && code(response) == "insufficient_scope"
        },
        Clause(name: "auth-before-routing") { targets, _ in
            try targets.client().request("GET", "/v1/no-such-route").status == 401
        },
        Clause(name: "permissive-anonymous") { targets, _ in
            try RawHTTPClient(port: targets.permissive.port).request("GET", "/v1/models").status == 200
        },
        Clause(name: "permissive-invalid") { targets, _ in
            let response = try RawHTTPClient(port: targets.permissive.port).request(
                "GET", "/v1/models", token: "sk-not-a-token")
            return response.status == 401 && code(response) == "invalid_api_key"
        },
    ]

    static let envelopes: [Clause] = [
        Clause(name: "envelope-shape") { targets, token in
            let client = try targets.client()
            let failures = [
                try client.request("POST", "/v1/debug/fail", token: token),
                try client.request("POST", "/v1/chat/completions", body: Bodies.chat(), token: Tokens.models),
            ]
            return failures.allSatisfy { response in
                guard let error = response.envelope else { return false }
                return Set(error.keys) == ["message", "type", "param", "code"]
            }
        },
        Clause(name: "unknown-route") { targets, token in
            let response = try targets.client().request("GET", "/v1/no-such-route", token: token)
            return response.status == 404 && code(response) == "unknown_url"
        },
        Clause(name: "wrong-method") { targets, token in
            let response = try targets.client().request("DELETE", "/v1/models", token: token)
            return response.status == 405 && code(response) == "method_not_allowed"
        },
        Clause(name: "invalid-json") { targets, token in
            let response = try targets.client().request("POST", "/v1/dreams", body: "{nope", token: token)
            return response.status == 400 && code(response) == "invalid_json"
        },
        Clause(name: "unknown-model") { targets, token in
            let client = try targets.client()
            let post = try client.request(
                "POST", "/v1/chat/completions", body: Bodies.chat(model: "nope"), token: token)
            let get = try client.request("GET", "/v1/models/nope", token: token)
            return [post, get].allSatisfy { $0.status == 404 && code($0) == "model_not_found" }
        },
    ]

    static let traces: [Clause] = [
        Clause(name: "request-id-equal") { targets, token in
            let response = try targets.client().request("GET", "/v1/models", token: token)
            return Fixtures.isTraceID(response.header("X-Trace-Id"))
                && response.header("X-Request-Id") == response.header("X-Trace-Id")
        },
        Clause(name: "trace-unique") { targets, token in
            let client = try targets.client()
            let first = try client.request("GET", "/v1/models", token: token).header("X-Trace-Id")
            let second = try client.request("GET", "/healthz").header("X-Trace-Id")
            return first != nil && second != nil && first != second
        },
        Clause(name: "trace-on-500") { targets, token in
            let response = try targets.client().request("POST", "/v1/debug/fail", token: token)
            return response.status == 500 && Fixtures.isTraceID(response.header("X-Trace-Id"))
        },
        Clause(name: "trace-on-401") { targets, _ in
            // Status-independent: the auth failure, whatever its status, must carry a trace.
            Fixtures.isTraceID(try targets.client().request("GET", "/v1/models", token: "sk-bad").header("X-Trace-Id"))
        },
        Clause(name: "trace-on-429") { targets, token in
            // Every response of a drain carries a trace, the 429s included.
            let client = try targets.client()
            return try (0..<drain).allSatisfy { _ in
                Fixtures.isTraceID(
                    try client.request("GET", "/v1/models/assay-small", token: token).header("X-Trace-Id"))
            }
        },
        Clause(name: "trace-on-stream") { targets, _ in
            Fixtures.isTraceID(try targets.chatStream.header("X-Trace-Id"))
        },
    ]

    static let rateLimits: [Clause] = [
        Clause(name: "ratelimit-headers") { targets, token in
            let response = try targets.client().request("GET", "/v1/models", token: token)
            return ["limit", "remaining", "reset"].allSatisfy { response.header("x-ratelimit-\($0)-requests") != nil }
        },
        Clause(name: "rate-limit") { targets, token in
            let client = try targets.client()
            let statuses = try (0..<drain).map { _ in try client.request("GET", "/v1/models", token: token) }
            return statuses.contains { $0.status == 429 && code($0) == "rate_limit_exceeded" }
        },
        Clause(name: "retry-after") { targets, token in
            let client = try targets.client()
            let responses = try (0..<drain).map { _ in try client.request("GET", "/v1/models", token: token) }
            return responses.filter { $0.status == 429 }.allSatisfy { (Int($0.header("Retry-After") ?? "") ?? 0) >= 1 }
        },
        Clause(name: "retry-after-bounded") { targets, token in
            // The healthy target asks for the bucket's own refill time, a second or two, never minutes.
            let client = try targets.client()
            let responses = try (0..<drain).map { _ in try client.request("GET", "/v1/models", token: token) }
            return responses.filter { $0.status == 429 }.allSatisfy { (Int($0.header("Retry-After") ?? "") ?? 0) <= 60 }
        },
        Clause(name: "remaining-decreases") { targets, token in
            let client = try targets.client()
            let values = try (0..<3).compactMap {
                _ in try client.request("GET", "/v1/models", token: token).header("x-ratelimit-remaining-requests")
            }.compactMap { Int($0) }
            return zip(values.dropFirst(), values).allSatisfy { $0 < $1 }
        },
        Clause(name: "rate-recovery") { targets, token in
            let client = try targets.client()
            for _ in 0..<drain { _ = try client.request("GET", "/v1/models", token: token) }
            // At 1 token per second, 1.2 s refills at least one whatever the load.
            Thread.sleep(forTimeInterval: 1.2)
            return try client.request("GET", "/v1/models", token: token).status == 200
        },
    ]
}
