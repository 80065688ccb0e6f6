/// Decides what a re-recorded golden contains: the actual value, except that every existing
/// matcher that still matches stays, and no secret is ever written.
public struct GoldenRecorder: Sendable {
    /// Masks secret strings and the values of members named like sensitive headers.
    public var redactor: Redactor

    public init(redactor: Redactor) { self.redactor = redactor }

    /// The value to write: the actual value in its own key order, keeping each existing matcher
    /// that matches the actual value at its path (and `{{ignore}}` members the actual lacks).
    public func value(existing: Expectation?, actual: JSONValue) -> JSONValue {
        merge(existing, actual)
    }

    /// The golden file text for a JSON body: pretty JSON with a trailing newline.
    public func jsonText(existing: Expectation?, actual: JSONValue) -> String {
        // The structural pass masks every secret; the text pass is a last guard for anything
        // a secret could still match once rendered.
        redactor.redact(JSONWriter.pretty(value(existing: existing, actual: actual)))
    }

    /// The golden file text for a text body, with secrets masked and a trailing newline.
    public func text(actual: String) -> String {
        let text = redactor.redact(actual)
        return text.last == "\n" || text.last == "\r\n" ? text : text + "\n"
    }

    private func merge(_ existing: Expectation?, _ actual: JSONValue) -> JSONValue {
        switch (existing, actual) {
        case (.matcher(let matcher)?, _) where matcher.matches(actual):
            return .string(matcher.literal)
        case (.object(let members)?, .object(let object)):
            var result = JSONObject()
            for (key, value) in object {
                let expectation = members.first { $0.key == key }?.expectation
                result[redactor.redact(key)] =
                    Redactor.isSensitive(header: key) ? masked(expectation, value) : merge(expectation, value)
            }
            for member in members where object[member.key] == nil {
                if case .matcher(let matcher) = member.expectation, case .ignore = matcher.kind {
                    result[member.key] = .string(matcher.literal)
                }
            }
            return .object(result)
        case (.array(let items)?, .array(let values)):
            return .array(
                values.enumerated().map { index, value in merge(index < items.count ? items[index] : nil, value) })
        default:
            return fresh(actual)
        }
    }

    /// The actual value with secrets masked, literal strings escaped where they would read as matchers.
    private func fresh(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null, .bool: return value
        case .number(let number):
            return redactor.redact(number.text) == number.text ? value : .string(Redactor.mask)
        case .string(let text): return .string(Matcher.escapeLiteral(redactor.redact(text)))
        case .array(let items): return .array(items.map(fresh))
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object {
                result[redactor.redact(key)] = Redactor.isSensitive(header: key) ? masked(nil, member) : fresh(member)
            }
            return .object(result)
        }
    }

    /// A sensitive member's value: a matching matcher is kept (it is no secret), anything else is masked.
    private func masked(_ existing: Expectation?, _ value: JSONValue) -> JSONValue {
        if case .matcher(let matcher)? = existing, matcher.matches(value) { return .string(matcher.literal) }
        return value == .null ? .null : .string(Redactor.mask)
    }
}
