/// Streams a Responses-API answer: `event: <type>` plus data carrying the same `type` and a `sequence_number`.
extension TargetServer {
    func streamResponse(
        _ writer: SSEWriter, request: CompletionRequest, answer: CompletionEngine.Answer, id: String, created: Int
    ) {
        var sequence = 0
        let itemID = Self.newID("msg_")
        func send(_ type: String, _ members: [(String, OrderedJSON)], eventName: String? = nil) -> Bool {
            let data = OrderedJSON.object([("type", .string(type)), ("sequence_number", .int(sequence))] + members)
            sequence += 1
            return writer.event(eventName ?? type, data: data.serialized())
        }
        let pending = ResponsesPayloads.response(
            id: id, createdAt: created, echo: request.echo, itemID: itemID, answer: nil, status: "in_progress",
            faults: faults)
        let location: [(String, OrderedJSON)] = [
            ("item_id", .string(itemID)), ("output_index", .int(0)), ("content_index", .int(0)),
        ]
        guard send("response.created", [("response", pending)]),
            send("response.in_progress", [("response", pending)]),
            send(
                "response.output_item.added",
                [
                    ("output_index", .int(0)),
                    ("item", ResponsesPayloads.item(id: itemID, status: "in_progress", content: [])),
                ]),
            send("response.content_part.added", location + [("part", ResponsesPayloads.part(""))])
        else { return }
        let deltaEventName = faults.contains(.eventTypeMismatch) ? "response.output_text.chunk" : nil
        // The stream-error model stops after two deltas and fails (or, under its faults, does not say so).
        let failing = request.model == ModelCatalog.streamError
        let deltas = failing ? Array(streamedDeltas(answer).prefix(2)) : streamedDeltas(answer)
        for (index, delta) in deltas.enumerated() {
            if index > 0 { writer.pause(options.tokenIntervalMs) }
            if index == 2 && faults.contains(.truncatedStream) { return }
            if index == 2 && faults.contains(.errorInside200Stream) {
                _ = send(
                    "error",
                    [
                        ("code", .string("server_error")), ("message", .string("The model failed while streaming.")),
                        ("param", .null),
                    ])
                return
            }
            guard
                send(
                    "response.output_text.delta", location + [("delta", .string(delta)), ("logprobs", .array([]))],
                    eventName: deltaEventName)
            else { return }
            if index == 0 && faults.contains(.sequenceNumberGap) { sequence += 1 }
        }
        if failing && !faults.contains(.streamErrorSwallowed) {
            // OpenAI's `error` event (ResponseErrorEvent): type, code, message, param, sequence_number.
            if faults.contains(.streamErrorSilentClose) { return }
            var members: [(String, OrderedJSON)] = [("message", .string("The model failed while streaming."))]
            if !faults.contains(.streamErrorBare) {
                members = [("code", .string("server_error"))] + members + [("param", .null)]
            }
            _ = send("error", members)
            return
        }
        let textDone: (String, [(String, OrderedJSON)]) = (
            "response.output_text.done", location + [("text", .string(answer.text)), ("logprobs", .array([]))]
        )
        let partDone: (String, [(String, OrderedJSON)]) = (
            "response.content_part.done", location + [("part", ResponsesPayloads.part(answer.text))]
        )
        let doneOrder = faults.contains(.eventOrderWrong) ? [partDone, textDone] : [textDone, partDone]
        for (type, members) in doneOrder {
            guard send(type, members) else { return }
        }
        let item = ResponsesPayloads.item(
            id: itemID, status: "completed", content: [ResponsesPayloads.part(answer.text)])
        guard send("response.output_item.done", [("output_index", .int(0)), ("item", item)]) else { return }
        if faults.contains(.noCompletedEvent) { return }
        let status = ResponsesPayloads.status(answer)
        let final = ResponsesPayloads.response(
            id: id, createdAt: created, echo: request.echo, itemID: itemID, answer: answer, status: status,
            faults: faults)
        _ = send(status == "completed" ? "response.completed" : "response.incomplete", [("response", final)])
    }
}
