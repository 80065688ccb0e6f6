import Foundation

/// Compiles regular expressions written in suites, turning a bad pattern into a located error.
enum RegexCheck {
    static func validate(_ pattern: String, at location: SourceLocation?) throws(Diagnostic) {
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            throw Diagnostic("invalid regular expression \"\(pattern)\": \(error.localizedDescription)", at: location)
        }
    }

    /// Whether the whole of `text` matches `pattern` (invalid patterns never match).
    static func wholeMatch(_ pattern: String, _ text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
