import Foundation

/// One parsed SSE block: a comment (heartbeat) or an event with a name and data, with its arrival time.
struct SSEBlock {
    var comment: String?
    var event: String?
    var data: String?
    var time: Double

    /// The data parsed as a JSON object.
    var json: [String: Any]? {
        data.flatMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
    }
}

enum SSEEvents {
    /// Splits a streamed body into blocks at blank lines, timing each by the chunk that completed it.
    static func parse(_ response: RawResponse) -> [SSEBlock] {
        var blocks: [SSEBlock] = []
        var pending = ""
        for piece in response.pieces {
            pending += String(decoding: piece.bytes, as: UTF8.self)
            while let range = pending.range(of: "\n\n") {
                let text = String(pending[..<range.lowerBound])
                pending = String(pending[range.upperBound...])
                var block = SSEBlock(time: piece.time)
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix(":") {
                        block.comment = line.dropFirst().trimmingCharacters(in: .whitespaces)
                    } else if line.hasPrefix("event: ") {
                        block.event = String(line.dropFirst(7))
                    } else if line.hasPrefix("data: ") {
                        block.data = (block.data.map { $0 + "\n" } ?? "") + line.dropFirst(6)
                    }
                }
                blocks.append(block)
            }
        }
        return blocks
    }

    /// The data-bearing blocks only.
    static func events(_ response: RawResponse) -> [SSEBlock] {
        parse(response).filter { $0.data != nil }
    }

    /// Concatenated chat deltas of a chat stream.
    static func chatText(_ blocks: [SSEBlock]) -> String {
        blocks.compactMap { block -> String? in
            let choices = block.json?["choices"] as? [[String: Any]]
            return (choices?.first?["delta"] as? [String: Any])?["content"] as? String
        }.joined()
    }

    /// Concatenated `response.output_text.delta` deltas of a responses stream.
    static func responsesText(_ blocks: [SSEBlock]) -> String {
        blocks.filter { $0.json?["type"] as? String == "response.output_text.delta" }
            .compactMap { $0.json?["delta"] as? String }.joined()
    }
}

/// Request bodies shared by tests.
enum Bodies {
    static func chat(
        _ text: String = "hello there", stream: Bool = false, usage: Bool = false, model: String = "assay-small"
    )
        -> String
    {
        var body = "{\"model\":\"\(model)\",\"messages\":[{\"role\":\"user\",\"content\":\"\(text)\"}]"
        if stream { body += ",\"stream\":true" }
        if usage { body += ",\"stream_options\":{\"include_usage\":true}" }
        return body + "}"
    }

    static func responses(_ text: String = "hello there", stream: Bool = false, model: String = "assay-small") -> String
    {
        "{\"model\":\"\(model)\",\"input\":\"\(text)\"\(stream ? ",\"stream\":true" : "")}"
    }
}

extension RawResponse {
    /// The assistant text of a chat completion or a response object.
    var answerText: String? {
        if let choices = json?["choices"] as? [[String: Any]] {
            return (choices.first?["message"] as? [String: Any])?["content"] as? String
        }
        let output = json?["output"] as? [[String: Any]]
        let content = output?.first?["content"] as? [[String: Any]]
        return content?.first?["text"] as? String
    }
}
