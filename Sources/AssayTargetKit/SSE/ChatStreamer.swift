/// Streams a chat completion: role chunk, content chunks (the last with finish_reason), usage chunk, `[DONE]`.
extension TargetServer {
    func streamChat(
        _ writer: SSEWriter, request: CompletionRequest, answer: CompletionEngine.Answer, id: String, created: Int
    ) {
        func chunk(_ delta: OrderedJSON?, _ finish: String? = nil, usage: OrderedJSON? = nil) -> String {
            ChatPayloads.chunk(
                id: id, created: created, model: request.model, delta: delta, finishReason: finish, usage: usage
            ).serialized()
        }
        let roleDelta = OrderedJSON.object([("role", .string("assistant")), ("content", .string(""))])
        guard writer.event(nil, data: chunk(roleDelta)) else { return }
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
            guard writer.event(nil, data: chunk(.object([("content", .string(delta))]), isLast ? finish : nil)) else {
                return
            }
        }
        if request.includeUsage && !faults.contains(.usageChunkMissing) {
            guard writer.event(nil, data: chunk(nil, usage: ChatPayloads.usage(answer))) else { return }
        }
        if !faults.contains(.noDone) { writer.event(nil, data: "[DONE]") }
    }
}
