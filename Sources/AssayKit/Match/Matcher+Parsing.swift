import Foundation

extension Matcher {
    /// Whether a string in an expected value is a matcher (`{{…}}`) rather than a literal.
    public static func isMatcherSyntax(_ text: String) -> Bool { text.hasPrefix("{{") }

    /// The literal a string stands for when it escapes matcher syntax: `\{{x}}` means `{{x}}`.
    /// One leading backslash is removed from any string that is backslashes followed by `{{`.
    public static func unescapeLiteral(_ text: String) -> String {
        guard text.hasPrefix("\\"), text.drop(while: { $0 == "\\" }).hasPrefix("{{") else { return text }
        return String(text.dropFirst())
    }

    /// The string to write in an expected value for a literal, escaping it when it would read as a matcher.
    public static func escapeLiteral(_ text: String) -> String {
        text.drop(while: { $0 == "\\" }).hasPrefix("{{") ? "\\" + text : text
    }

    /// Parses `{{name}}` or `{{name:argument}}`; errors are reported at `location`.
    public init(parsing text: String, at location: SourceLocation? = nil) throws(Diagnostic) {
        guard text.hasPrefix("{{"), text.hasSuffix("}}"), text.utf8.count >= 4 else {
            throw Diagnostic(
                "expected a matcher like \"{{uuid}}\", found \(JSONWriter.quote(text))", at: location,
                hint: "to write a literal string starting with '{{', escape it as '\\{{'")
        }
        let inner = String(text.dropFirst(2).dropLast(2))
        let name: String
        let argument: String?
        if let colon = inner.firstIndex(of: ":") {
            name = inner[..<colon].trimmingWhitespace()
            argument = String(inner[inner.index(after: colon)...])
        } else {
            name = inner.trimmingWhitespace()
            argument = nil
        }
        let kind = try Self.kind(named: name, argument: argument, at: location)
        self.init(kind: kind, source: inner)
    }

    /// The matchers without an argument, built once rather than per parse.
    private static let simpleKinds: [String: Kind] = [
        "any": .any, "ignore": .ignore, "string": .string, "string-or-null": .stringOrNull, "number": .number,
        "integer": .integer,
        "boolean": .boolean, "null": .null, "uuid": .uuid, "iso8601": .iso8601, "unix-time": .unixTime,
    ]

    private static func kind(named name: String, argument: String?, at location: SourceLocation?) throws(Diagnostic)
        -> Kind
    {
        if let kind = simpleKinds[name] {
            guard argument == nil else {
                throw Diagnostic("matcher '\(name)' takes no argument, found ':\(argument ?? "")'", at: location)
            }
            return kind
        }
        switch name {
        case "hex":
            guard let argument else { return .hex(length: nil) }
            guard let length = Int(argument), length > 0 else {
                throw Diagnostic(
                    "expected a positive length after 'hex:', found \(JSONWriter.quote(argument))", at: location)
            }
            return .hex(length: length)
        case "regex":
            guard let pattern = argument, !pattern.isEmpty else {
                throw Diagnostic("expected a pattern after 'regex:', as in {{regex:^chatcmpl-}}", at: location)
            }
            do {
                // Checked as written first, so a problem's position is in the user's pattern.
                _ = try CompiledRegex(pattern)
                // Anchored so the pattern must match the whole string, whatever alternations it has.
                return .regex(try CompiledRegex("\\A(?:" + pattern + ")\\z"))
            } catch {
                throw Diagnostic("invalid regular expression \(JSONWriter.quote(pattern)) \(error)", at: location)
            }
        case "one-of":
            guard let argument, !argument.isEmpty else {
                throw Diagnostic("expected a JSON array after 'one-of:', as in {{one-of:[\"a\",\"b\"]}}", at: location)
            }
            let options: JSONValue
            do {
                options = try JSONParser.parseValue(argument, file: "one-of")
            } catch {
                throw Diagnostic("invalid JSON array after 'one-of:': \(error.message)", at: location)
            }
            guard let items = options.arrayValue, !items.isEmpty else {
                throw Diagnostic(
                    "expected a non-empty JSON array after 'one-of:', found \(options.abbreviated())", at: location)
            }
            return .oneOf(items)
        default:
            let suggestion = Suggestion.nearest(to: name, among: names)
            throw Diagnostic(
                "unknown matcher \(JSONWriter.quote(name))", at: location,
                hint: suggestion.map { "did you mean `{{\($0)}}`?" }
                    ?? "known matchers: \(names.joined(separator: ", ")); escape a literal '{{' as '\\{{'")
        }
    }
}
