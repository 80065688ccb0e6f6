/// `POST /v1/dreams`: an invented endpoint; a prompt in, a deterministic dream out.
extension TargetServer {
    var dreamRoutes: [Route] {
        [
            Route("POST", "/v1/dreams", scope: .dreamsWrite) { [self] context in
                dream(context)
            }
        ]
    }

    private func dream(_ context: RouteContext) -> Reply {
        let json: RequestJSON
        let model: String
        switch modelBody(context) {
        case .success(let parsed): (json, model) = parsed
        case .failure(let error): return error.reply
        }
        guard let prompt = json.string("prompt"), !prompt.isEmpty else {
            let code = json.has("prompt") ? "invalid_value" : "missing_required_parameter"
            return fail(.invalidParam("prompt", "'prompt' must be a non-empty string.", code: code))
        }
        let answer = engine.answer("dream:" + prompt)
        let lucidity = Double(CompletionEngine.fnv1a(prompt) % 1001) / 1000
        return .full(
            .json(
                200,
                .object([
                    ("id", .string(Self.newID("dream_"))), ("object", .string("dream")),
                    ("created", .int(Self.unixNow())), ("model", .string(model)), ("prompt", .string(prompt)),
                    ("dream", .string(answer.text)), ("lucidity", .number(lucidity)),
                ])))
    }
}
