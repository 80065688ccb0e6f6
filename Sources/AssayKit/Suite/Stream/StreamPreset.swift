/// Defaults for the two OpenAI streaming formats.
public enum StreamPreset: String, Sendable, CaseIterable {
    /// Chat Completions: data-only frames ending with `data: [DONE]`.
    case chat
    /// Responses API: typed events in the documented order, `sequence_number`, `response.completed`.
    case responses

    /// The rules the preset starts from.
    public var expectation: StreamExpectation {
        switch self {
        case .chat: .chatCompletions
        case .responses: .responses
        }
    }

    /// Where the same answer's text sits in a non-streamed response of this format.
    public var nonStreamTextPath: StreamFieldPath {
        switch self {
        case .chat: "choices[0].message.content"
        case .responses: "output[0].content[0].text"
        }
    }
}
