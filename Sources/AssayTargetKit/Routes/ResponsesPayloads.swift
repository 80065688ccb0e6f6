/// The JSON shapes of the Responses API: the response object and its stream events' parts.
enum ResponsesPayloads {
    /// `incomplete` when `max_output_tokens` cut the answer, else `completed`.
    static func status(_ answer: CompletionEngine.Answer) -> String {
        answer.truncated ? "incomplete" : "completed"
    }

    static func part(_ text: String) -> OrderedJSON {
        .object([("type", .string("output_text")), ("text", .string(text)), ("annotations", .array([]))])
    }

    static func item(id: String, status: String, content: [OrderedJSON]) -> OrderedJSON {
        .object([
            ("id", .string(id)), ("type", .string("message")), ("status", .string(status)),
            ("role", .string("assistant")), ("content", .array(content)),
        ])
    }

    /// The response object; `answer` nil gives the in-progress shape with no output or usage.
    static func response(
        id: String, createdAt: Int, model: String, itemID: String, answer: CompletionEngine.Answer?, status: String
    ) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [
            ("id", .string(id)), ("object", .string("response")), ("created_at", .int(createdAt)),
            ("status", .string(status)), ("model", .string(model)),
        ]
        if let answer {
            members.append(("output", .array([item(id: itemID, status: "completed", content: [part(answer.text)])])))
            members.append(
                (
                    "usage",
                    .object([
                        ("input_tokens", .int(answer.promptTokens)), ("output_tokens", .int(answer.completionTokens)),
                        ("total_tokens", .int(answer.promptTokens + answer.completionTokens)),
                    ])
                ))
        } else {
            members.append(("output", .array([])))
            members.append(("usage", .null))
        }
        return .object(members)
    }
}
