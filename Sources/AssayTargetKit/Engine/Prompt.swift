import Foundation

/// Turns chat `messages` and responses `input`/`instructions` into the one prompt string the engine hashes.
///
/// The system message of a chat and the `instructions` of a response both come first, so
/// `{"instructions":"S","input":"U"}` and `[{"role":"system","content":"S"},{"role":"user","content":"U"}]`
/// give the same prompt, hence the same answer.
public enum Prompt {
    /// The message roles OpenAI's API defines; any other is a bad request, as there.
    static let roles: Set<String> = ["system", "developer", "user", "assistant", "tool"]

    /// The text of one message's `content`: a string, or an array of parts with `text`.
    static func text(ofContent content: Any?) -> String? {
        if let string = content as? String { return string }
        guard let parts = content as? [Any] else { return nil }
        let texts = parts.compactMap { part -> String? in
            guard let object = part as? [String: Any], object["type"] == nil || object["type"] is String else {
                return nil
            }
            return object["text"] as? String
        }
        return texts.count == parts.count ? texts.joined() : nil
    }

    /// The prompt of a chat `messages` array; nil when it is not an array of messages with content.
    public static func fromMessages(_ value: Any?) -> String? {
        guard let messages = value as? [Any], !messages.isEmpty else { return nil }
        var texts: [String] = []
        for message in messages {
            guard let object = message as? [String: Any], let role = object["role"] as? String,
                roles.contains(role)
            else { return nil }
            // A tool-call turn: an assistant message with `tool_calls` and no content adds no text.
            if role == "assistant", object["tool_calls"] is [Any],
                object["content"] == nil || object["content"] is NSNull
            {
                continue
            }
            guard let text = text(ofContent: object["content"]) else { return nil }
            texts.append(text)
        }
        guard !texts.isEmpty else { return nil }
        return texts.joined(separator: "\n")
    }

    /// The prompt of a responses request: `instructions` first, then `input` (a string or messages).
    public static func fromResponsesInput(_ input: Any?, instructions: String?) -> String? {
        let body: String?
        if let string = input as? String { body = string } else { body = fromMessages(input) }
        guard let body else { return nil }
        return [instructions, body].compactMap { $0 }.joined(separator: "\n")
    }
}
