/// Streams a chat completion: role chunk, content chunks (the last with finish_reason), usage chunk, `[DONE]`.
extension TargetServer {
    func streamChat(
        _ writer: SSEWriter, request: CompletionRequest, answer: CompletionEngine.Answer, id: String, created: Int
    ) {
        func chunk(_ delta: OrderedJSON?, _ finish: String? = nil, usage: OrderedJSON? = nil, index: Int = 0)
            -> String
        {
            ChatPayloads.chunk(
                id: id, created: created, model: request.model, delta: delta, finishReason: finish, usage: usage,
                index: index
            ).serialized()
        }
        let roleDelta = OrderedJSON.object([("role", .string("assistant")), ("content", .string(""))])
        // With `n` > 1, each choice's chunks go out side by side, told apart by `index`.
        for choice in 0..<request.choices {
            guard writer.event(nil, data: chunk(roleDelta, index: choice)) else { return }
        }
        // The stream-error model stops after two deltas and fails (or, under its faults, does not say so).
        let failing = request.model == ModelCatalog.streamError
        let deltas = failing ? Array(streamedDeltas(answer).prefix(2)) : streamedDeltas(answer)
        let finish = ChatPayloads.finishReason(answer)
        for (index, delta) in deltas.enumerated() {
            if index > 0 { writer.pause(options.tokenIntervalMs) }
            if index == 2 && faults.contains(.truncatedStream) { return }
            if index == 2 && faults.contains(.errorInside200Stream) {
                let envelope = ErrorEnvelope.serverError("The model failed while streaming.")
                writer.event(
                    nil, data: envelope.json(includeParam: !faults.contains(.envelopeMissingParam)).serialized())
                writer.event(nil, data: "[DONE]")
                return
            }
            // A failing stream never finishes: only a swallowed failure dresses itself as a normal end.
            let isLast = index == deltas.count - 1 && (!failing || faults.contains(.streamErrorSwallowed))
            for choice in 0..<request.choices {
                let content = chunk(.object([("content", .string(delta))]), isLast ? finish : nil, index: choice)
                // A frame cut mid-object, as a broken proxy or a crashed writer leaves it; the whole one follows.
                if index == 2 && faults.contains(.cutFrame) {
                    guard writer.event(nil, data: String(content.prefix(20))) else { return }
                }
                guard writer.event(nil, data: content) else { return }
            }
        }
        if failing && !faults.contains(.streamErrorSwallowed) {
            sendChatStreamError(writer)
            return
        }
        if request.includeUsage && !faults.contains(.usageChunkMissing) {
            guard writer.event(nil, data: chunk(nil, usage: ChatPayloads.usage(answer, choices: request.choices)))
            else { return }
        }
        if !faults.contains(.noDone) { writer.event(nil, data: "[DONE]") }
    }
}

extension TargetServer {
    /// The stream-error model's failure, as OpenAI's API sends it inside a chat stream (and its SDK
    /// raises on): `data: {"error": {message, type, param, code}}`, then `[DONE]` as many servers add.
    func sendChatStreamError(_ writer: SSEWriter) {
        if faults.contains(.streamErrorSilentClose) { return }
        let message = "The model failed while streaming."
        let data =
            faults.contains(.streamErrorBare)
            ? OrderedJSON.object([("error", .string(message))])
            : ErrorEnvelope.serverError(message).json(includeParam: !faults.contains(.envelopeMissingParam))
        guard writer.event(nil, data: data.serialized()) else { return }
        writer.event(nil, data: "[DONE]")
    }
}
