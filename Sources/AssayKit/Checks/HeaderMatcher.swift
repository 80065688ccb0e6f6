import Foundation

/// Applies a `{{matcher}}` written for a header to the header's text value. Parsed matchers are
/// kept for the run: the same few expressions are applied to every response.
enum HeaderMatcher {
    /// Whether `value` satisfies `expression`; an invalid matcher never matches (lint reports it).
    static func matches(_ expression: String, value: String) -> Bool {
        guard let matcher = cache.matcher(expression) else { return false }
        return matcher.matches(.string(value))
    }

    private static let cache = MatcherCache()

    private final class MatcherCache: @unchecked Sendable {
        // @unchecked: `parsed` is guarded by `lock`.
        private let lock = NSLock()
        private var parsed: [String: Matcher?] = [:]

        func matcher(_ expression: String) -> Matcher? {
            if let known = lock.withLock({ parsed[expression] }) { return known }
            let matcher = try? Matcher(parsing: expression)
            lock.withLock { parsed[expression] = .some(matcher) }
            return matcher
        }
    }
}
