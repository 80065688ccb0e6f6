import Foundation

/// Compiles regular expressions written in suites, turning a bad pattern into a located error.
enum RegexCheck {
    static func validate(_ pattern: String, at location: SourceLocation?) throws(Diagnostic) {
        do {
            _ = try CompiledRegex(pattern)
        } catch {
            throw Diagnostic("invalid regular expression \(JSONWriter.quote(pattern)) \(error)", at: location)
        }
    }

    /// Whether the whole of `text` matches `pattern` (invalid patterns never match).
    static func wholeMatch(_ pattern: String, _ text: String) -> Bool {
        guard let regex = wholeMatchers.value(for: pattern) else { return false }
        return regex.found(in: text)
    }

    /// Header rules and trace formats apply the same few patterns to every response: each is
    /// compiled once per process (a compiled expression is immutable and safe to share).
    private static let wholeMatchers = Memo<String, CompiledRegex?> {
        try? CompiledRegex("^(?:\($0))$")
    }
}
