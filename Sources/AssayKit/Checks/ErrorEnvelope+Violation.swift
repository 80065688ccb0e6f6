import Foundation

extension ErrorEnvelope {
    /// Why `response` does not carry this envelope, or nil when it does.
    public func violation(_ response: HTTPResponse) -> String? {
        switch self {
        case .none: return nil
        case .openai: return Self.openAIViolation(response)
        case .problem: return Self.problemViolation(response)
        }
    }

    static func openAIViolation(_ response: HTTPResponse) -> String? {
        guard let value = try? BodyJSON.parse(response) else {
            return "expected the OpenAI error envelope, but the body is not JSON"
        }
        guard case .object(let root) = value else {
            return "expected a JSON object with an `error` member, got \(value.typeName)"
        }
        guard let error = root["error"] else {
            return
                "expected the OpenAI error envelope, but the body has no `error` member (members: \(root.keys.joined(separator: ", ")))"
        }
        guard case .object(let fields) = error else { return "expected `error` to be an object, got \(error.typeName)" }
        var problems: [String] = []
        for key in ["message", "type", "param", "code"] {
            switch (key, fields[key]) {
            case (_, nil): problems.append("missing `error.\(key)`")
            case (_, .string?): break
            case ("param", .null?), ("code", .null?): break
            case (_, let other?):
                let allowed = key == "param" || key == "code" ? "a string or null" : "a string"
                problems.append("`error.\(key)` is \(other.typeName), expected \(allowed)")
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    static func problemViolation(_ response: HTTPResponse) -> String? {
        let contentType = response.headers.first("Content-Type")
        guard let contentType, MediaType.matches(expected: "application/problem+json", actual: contentType) else {
            return "expected Content-Type application/problem+json, got \(contentType.map { "\"\($0)\"" } ?? "none")"
        }
        guard case .object(let fields)? = try? BodyJSON.parse(response) else {
            return "expected a problem-details JSON object"
        }
        if let status = fields["status"] {
            guard case .number(let number) = status, number.integer == response.status else {
                return "problem `status` is \(status.abbreviated()), but the response status is \(response.status)"
            }
        }
        for key in ["type", "title", "detail", "instance"] {
            guard let member = fields[key] else { continue }
            if case .string = member { continue }
            return "problem `\(key)` is \(member.typeName), expected a string"
        }
        return nil
    }
}
