/// The JSON shapes of chat completions: the full object and the stream chunks.
enum ChatPayloads {
    static func usage(_ answer: CompletionEngine.Answer) -> OrderedJSON {
        .object([
            ("prompt_tokens", .int(answer.promptTokens)), ("completion_tokens", .int(answer.completionTokens)),
            ("total_tokens", .int(answer.promptTokens + answer.completionTokens)),
        ])
    }

    static func finishReason(_ answer: CompletionEngine.Answer) -> String {
        answer.truncated ? "length" : "stop"
    }

    /// The non-streamed `chat.completion`.
    static func completion(
        id: String, created: Int, model: String, answer: CompletionEngine.Answer, finishReason: String
    ) -> OrderedJSON {
        .object([
            ("id", .string(id)), ("object", .string("chat.completion")), ("created", .int(created)),
            ("model", .string(model)),
            (
                "choices",
                .array([
                    .object([
                        ("index", .int(0)),
                        ("message", .object([("role", .string("assistant")), ("content", .string(answer.text))])),
                        ("finish_reason", .string(finishReason)),
                    ])
                ])
            ),
            ("usage", usage(answer)),
        ])
    }

    /// One `chat.completion.chunk`; `choices` empty for the usage chunk.
    static func chunk(
        id: String, created: Int, model: String, delta: OrderedJSON?, finishReason: String?,
        usage: OrderedJSON? = nil
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
                        .object([("index", .int(0)), ("delta", delta), ("finish_reason", .optional(finishReason))])
                    ])
                ))
        } else {
            members.append(("choices", .array([])))
        }
        if let usage { members.append(("usage", usage)) }
        return .object(members)
    }
}
