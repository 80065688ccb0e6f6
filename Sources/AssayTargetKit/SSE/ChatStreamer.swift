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
        let deltas = streamedDeltas(answer)
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
            let isLast = index == deltas.count - 1
            for choice in 0..<request.choices {
                let content = chunk(.object([("content", .string(delta))]), isLast ? finish : nil, index: choice)
                // A frame cut mid-object, as a broken proxy or a crashed writer leaves it; the whole one follows.
                if index == 2 && faults.contains(.cutFrame) {
                    guard writer.event(nil, data: String(content.prefix(20))) else { return }
                }
                guard writer.event(nil, data: content) else { return }
            }
        }
        if request.includeUsage && !faults.contains(.usageChunkMissing) {
            guard writer.event(nil, data: chunk(nil, usage: ChatPayloads.usage(answer, choices: request.choices)))
            else { return }
        }
        if !faults.contains(.noDone) { writer.event(nil, data: "[DONE]") }
    }
}
