import Foundation

/// `POST /v1/embeddings`: unit vectors derived from a hash of each input.
extension TargetServer {
    var embeddingRoutes: [Route] {
        [
            Route("POST", "/v1/embeddings", scope: .embeddingsWrite) { [self] context in
                embed(context)
            }
        ]
    }

    private func embed(_ context: RouteContext) -> Reply {
        let json: RequestJSON
        let model: String
        switch modelBody(context) {
        case .success(let parsed): (json, model) = parsed
        case .failure(let error): return error.reply
        }
        let inputs: [String]
        if let single = json.string("input") {
            inputs = [single]
        } else if let many = json.object["input"] as? [Any], !many.isEmpty, many.allSatisfy({ $0 is String }) {
            inputs = many.compactMap { $0 as? String }
        } else {
            let code = json.has("input") ? "invalid_value" : "missing_required_parameter"
            return fail(.invalidParam("input", "'input' must be a string or a non-empty array of strings.", code: code))
        }
        var dimensions = 8
        if json.has("dimensions") {
            guard let value = json.int("dimensions"), (1...1024).contains(value) else {
                return fail(.invalidParam("dimensions", "'dimensions' must be an integer from 1 to 1024."))
            }
            dimensions = value
        }
        let data = inputs.enumerated().map { index, input in
            OrderedJSON.object([
                ("object", .string("embedding")), ("index", .int(index)),
                ("embedding", .array(Self.vector(input, dimensions: dimensions).map(OrderedJSON.number))),
            ])
        }
        let tokens = inputs.reduce(0) { $0 + max(1, $1.split(separator: " ").count) }
        return .full(
            .json(
                200,
                .object([
                    ("object", .string("list")), ("data", .array(data)), ("model", .string(model)),
                    ("usage", .object([("prompt_tokens", .int(tokens)), ("total_tokens", .int(tokens))])),
                ])))
    }

    /// A deterministic unit vector: each component hashes the input with its index.
    static func vector(_ input: String, dimensions: Int) -> [Double] {
        let raw = (0..<dimensions).map { index -> Double in
            let hash = CompletionEngine.fnv1a("\(index):\(input)")
            return Double(hash % 2_000_001) / 1_000_000 - 1
        }
        let norm = sqrt(raw.reduce(0) { $0 + $1 * $1 })
        return raw.map { norm > 0 ? ($0 / norm * 1_000_000).rounded() / 1_000_000 : 0 }
    }
}
