/// Applies a `{{matcher}}` written for a header to the header's text value.
enum HeaderMatcher {
    /// Whether `value` satisfies `expression`; an invalid matcher never matches (lint reports it).
    static func matches(_ expression: String, value: String) -> Bool {
        guard let matcher = try? Matcher(parsing: expression) else { return false }
        return matcher.matches(.string(value))
    }
}
