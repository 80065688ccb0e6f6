/// The JSON shapes of chat completions: the full object and the stream chunks.
enum ChatPayloads {
    /// Usage for `choices` answers: each choice's tokens count.
    static func usage(_ answer: CompletionEngine.Answer, choices: Int = 1) -> OrderedJSON {
        let completion = answer.completionTokens * choices
        return .object([
            ("prompt_tokens", .int(answer.promptTokens)), ("completion_tokens", .int(completion)),
            ("total_tokens", .int(answer.promptTokens + completion)),
        ])
    }

    static func finishReason(_ answer: CompletionEngine.Answer) -> String {
        answer.truncated ? "length" : "stop"
    }

    /// The non-streamed `chat.completion`, with `choices` copies of the answer (the engine is
    /// deterministic, so every choice has the same text).
    static func completion(
        id: String, created: Int, model: String, answer: CompletionEngine.Answer, finishReason: String, choices: Int = 1
    ) -> OrderedJSON {
        let message = OrderedJSON.object([
            ("role", .string("assistant")), ("content", .string(answer.text)), ("refusal", .null),
        ])
        return .object([
            ("id", .string(id)), ("object", .string("chat.completion")), ("created", .int(created)),
            ("model", .string(model)),
            (
                "choices",
                .array(
                    (0..<choices).map { index in
                        .object([
                            ("index", .int(index)), ("message", message), ("logprobs", .null),
                            ("finish_reason", .string(finishReason)),
                        ])
                    })
            ),
            ("usage", usage(answer, choices: choices)),
        ])
    }

    /// One `chat.completion.chunk`; `choices` empty for the usage chunk.
    static func chunk(
        id: String, created: Int, model: String, delta: OrderedJSON?, finishReason: String?,
        usage: OrderedJSON? = nil, index: Int = 0
    ) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [
            ("id", .string(id)), ("object", .string("chat.completion.chunk")), ("created", .int(created)),
            ("model", .string(model)),
        ]
        if let delta {
            members.append(
                (
                    "choices",
                    .array([
                        .object([
                            ("index", .int(index)), ("delta", delta), ("logprobs", .null),
                            ("finish_reason", .optional(finishReason)),
                        ])
                    ])
                ))
        } else {
            members.append(("choices", .array([])))
        }
        if let usage { members.append(("usage", usage)) }
        return .object(members)
    }
}
