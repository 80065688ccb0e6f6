import Foundation

/// Applies a `{{matcher}}` written for a header to the header's text value. Parsed matchers are
/// kept for the run: the same few expressions are applied to every response.
enum HeaderMatcher {
    /// Whether `value` satisfies `expression`; an invalid matcher never matches (lint reports it).
    static func matches(_ expression: String, value: String) -> Bool {
        guard let matcher = parsed.value(for: expression) else { return false }
        return matcher.matches(.string(value))
    }

    private static let parsed = Memo<String, Matcher?> { try? Matcher(parsing: $0) }
}
