/// `POST /v1/responses` and `POST /v1/chat/completions`, both answered by `CompletionEngine`.
extension TargetServer {
    var completionRoutes: [Route] {
        [
            Route("POST", "/v1/responses", scope: .responsesWrite) { [self] context in
                complete(context, kind: .responses)
            },
            Route("POST", "/v1/chat/completions", scope: .chatWrite) { [self] context in
                complete(context, kind: .chat)
            },
        ]
    }

    private func complete(_ context: RouteContext, kind: CompletionRequest.Kind) -> Reply {
        let request: CompletionRequest
        switch completionRequest(context, kind: kind) {
        case .success(let parsed): request = parsed
        case .failure(let error): return error.reply
        }
        let answer = answer(for: request)
        // The deterministic fault derives what is usually fresh from the request, as some real servers do.
        let deterministic = faults.contains(.deterministicNoReplay)
        let body = context.request.body
        let id =
            deterministic
            ? Self.derivedID(kind == .chat ? "chatcmpl-" : "resp_", from: body)
            : Self.newID(kind == .chat ? "chatcmpl-" : "resp_")
        let created = deterministic ? Self.fixedCreated : Self.unixNow()
        let itemID = deterministic ? Self.derivedID("msg_", from: body) : Self.newID("msg_")
        if request.stream {
            return .stream(
                StreamReply(status: 200, headers: sseHeaders) { [self] sink in
                    let writer = sseWriter(sink)
                    let pending = faults.contains(.immediateFirstToken) ? 0 : options.firstTokenDelayMs
                    guard writer.pend(pending) else { return }
                    switch kind {
                    case .chat: streamChat(writer, request: request, answer: answer, id: id, created: created)
                    case .responses: streamResponse(writer, request: request, answer: answer, id: id, created: created)
                    }
                })
        }
        switch kind {
        case .chat:
            let finish = ChatPayloads.finishReason(answer)
            return .full(
                .json(
                    200,
                    ChatPayloads.completion(
                        id: id, created: created, model: request.model, answer: answer, finishReason: finish,
                        choices: request.choices)))
        case .responses:
            let response = ResponsesPayloads.response(
                id: id, createdAt: created, echo: request.echo, itemID: itemID, answer: answer,
                status: ResponsesPayloads.status(answer), faults: faults)
            return .full(.json(200, response))
        }
    }
}
