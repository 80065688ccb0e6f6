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
        if let envelope = Self.unsupportedParameter(
            json, accepted: ["model", "input", "dimensions", "encoding_format", "user"])
        {
            return fail(envelope)
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
            // The fault's only 5xx: a request body a real server once crashed on.
            if faults.contains(.failOnlyByBody), let value = json.int("dimensions"), value < 1 {
                return fail(.serverError("The server had an error while processing your request."))
            }
            guard let value = json.int("dimensions"), (1...1024).contains(value) else {
                return fail(.invalidParam("dimensions", "'dimensions' must be an integer from 1 to 1024."))
            }
            dimensions = value
        }
        var base64 = false
        if json.has("encoding_format") && !json.isNull("encoding_format") {
            guard let format = json.string("encoding_format"), ["float", "base64"].contains(format) else {
                return fail(.invalidParam("encoding_format", "'encoding_format' must be 'float' or 'base64'."))
            }
            base64 = format == "base64" && !faults.contains(.embeddingsIgnoreBase64)
        }
        let data = inputs.enumerated().map { index, input in
            let vector = Self.vector(input, dimensions: dimensions)
            let embedding: OrderedJSON =
                base64 ? .string(Self.base64(vector)) : .array(vector.map(OrderedJSON.number))
            return OrderedJSON.object([
                ("object", .string("embedding")), ("index", .int(index)), ("embedding", embedding),
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

    /// The vector as OpenAI encodes it for `base64`: little-endian float32 values, base64-encoded.
    static func base64(_ vector: [Double]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = Float(value).bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes += $0 }
        }
        return Data(bytes).base64EncodedString()
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
