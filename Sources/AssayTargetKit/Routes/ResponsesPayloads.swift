/// The JSON shapes of the Responses API: the response object and its stream events' parts.
///
/// Every member that OpenAI's published `Response` type requires is present, so a strict client
/// (the official SDK with `_strict_response_validation`) accepts each object and event.
enum ResponsesPayloads {
    /// `incomplete` when `max_output_tokens` cut the answer, else `completed`.
    static func status(_ answer: CompletionEngine.Answer) -> String {
        answer.truncated ? "incomplete" : "completed"
    }

    static func part(_ text: String) -> OrderedJSON {
        .object([
            ("type", .string("output_text")), ("text", .string(text)), ("annotations", .array([])),
            ("logprobs", .array([])),
        ])
    }

    static func item(id: String, status: String, content: [OrderedJSON]) -> OrderedJSON {
        .object([
            ("id", .string(id)), ("type", .string("message")), ("status", .string(status)),
            ("role", .string("assistant")), ("content", .array(content)),
        ])
    }

    static func usage(_ answer: CompletionEngine.Answer) -> OrderedJSON {
        .object([
            ("input_tokens", .int(answer.promptTokens)),
            ("input_tokens_details", .object([("cached_tokens", .int(0)), ("cache_write_tokens", .int(0))])),
            ("output_tokens", .int(answer.completionTokens)),
            ("output_tokens_details", .object([("reasoning_tokens", .int(0))])),
            ("total_tokens", .int(answer.promptTokens + answer.completionTokens)),
        ])
    }

    /// What the response echoes of its request.
    struct Echo {
        var model: String
        var instructions: String?
        var maxOutputTokens: Int?
    }

    /// The members that describe the request, with the defaults the target serves (no tools).
    ///
    /// `faults` may drop `tools` (`responses-missing-member`).
    static func settings(_ echo: Echo, faults: Set<Fault>) -> [(String, OrderedJSON)] {
        var members: [(String, OrderedJSON)] = [
            ("instructions", .optional(echo.instructions)),
            ("max_output_tokens", echo.maxOutputTokens.map(OrderedJSON.int) ?? .null),
            ("metadata", .object([])), ("parallel_tool_calls", .bool(true)), ("previous_response_id", .null),
            ("temperature", .int(1)), ("text", .object([("format", .object([("type", .string("text"))]))])),
            ("tool_choice", .string("auto")),
        ]
        if !faults.contains(.responsesMissingMember) { members.append(("tools", .array([]))) }
        members += [("top_p", .int(1)), ("truncation", .string("disabled")), ("user", .null)]
        return members
    }

    /// The response object; `answer` nil gives the in-progress shape with no output or usage.
    static func response(
        id: String, createdAt: Int, echo: Echo, itemID: String, answer: CompletionEngine.Answer?, status: String,
        faults: Set<Fault>
    ) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [
            ("id", .string(id)), ("object", .string("response")), ("created_at", .int(createdAt)),
            ("status", .string(status)), ("error", .null),
        ]
        // A cut-off answer says why; the fault leaves the reason out, as issue 21 saw it.
        if status == "incomplete" && !faults.contains(.noIncompleteDetails) {
            members.append(("incomplete_details", .object([("reason", .string("max_output_tokens"))])))
        } else {
            members.append(("incomplete_details", .null))
        }
        members.append(("model", .string(echo.model)))
        if let answer {
            members.append(("output", .array([item(id: itemID, status: "completed", content: [part(answer.text)])])))
        } else {
            members.append(("output", .array([])))
        }
        members += settings(echo, faults: faults)
        members.append(("usage", answer.map(usage) ?? .null))
        return .object(members)
    }
}
