import Foundation

extension Clauses {
    /// The members OpenAI's published `Response` type requires (issue 21).
    static let requiredResponseMembers = [
        "id", "object", "created_at", "model", "output", "parallel_tool_calls", "tool_choice", "tools",
    ]

    static let shapes: [Clause] = [
        Clause(name: "responses-shape") { targets, _ in
            let body = try targets.responsesJSON.json ?? [:]
            let usage = body["usage"] as? [String: Any]
            // A target that ignores `stream` sends no events; that is the stream clauses' to judge.
            let streamed = SSEEvents.events(try targets.responsesStream).compactMap {
                $0.json?["response"] as? [String: Any]
            }
            return requiredResponseMembers.allSatisfy { body[$0] != nil }
                && usage?["input_tokens_details"] is [String: Any] && usage?["output_tokens_details"] is [String: Any]
                && streamed.allSatisfy { response in requiredResponseMembers.allSatisfy { response[$0] != nil } }
        },
        Clause(name: "incomplete-details") { targets, token in
            let response = try targets.client().request(
                "POST", "/v1/responses",
                body: #"{"model":"assay-small","input":"Tell me a long story","max_output_tokens":1}"#, token: token)
            let details = response.json?["incomplete_details"] as? [String: Any]
            return response.json?["status"] as? String == "incomplete"
                && details?["reason"] as? String == "max_output_tokens"
        },
        Clause(name: "embeddings-base64") { targets, token in
            let response = try targets.client().request(
                "POST", "/v1/embeddings",
                body: #"{"model":"assay-small","input":"hi","encoding_format":"base64","dimensions":4}"#, token: token)
            let data = response.json?["data"] as? [[String: Any]]
            guard let text = data?.first?["embedding"] as? String, let bytes = Data(base64Encoded: text) else {
                return false
            }
            // Four little-endian float32 values of a unit vector.
            let floats = stride(from: 0, to: bytes.count, by: 4).map { offset in
                Float(bitPattern: bytes[offset..<(offset + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            }
            let norm = floats.reduce(0) { $0 + $1 * $1 }
            return bytes.count == 16 && abs(norm - 1) < 0.001
        },
    ]
}
