/// Why a regular expression does not compile, and where: Swift's parser says what is wrong
/// ("expected ')'", "quantifier '*' must appear after expression"), and the position is counted
/// in characters of the pattern as written, so a message can point at it.
public struct RegexProblem: Error, CustomStringConvertible, Sendable {
    /// What is wrong, in the regex parser's words.
    public let reason: String
    /// 1-based character position in the pattern, when the parser said where.
    public let column: Int?

    /// The problem `error` (thrown by `Regex(_:)`) describes in `pattern`.
    init(_ error: any Error, in pattern: String) {
        let said = String(describing: error)
        // Without its own description an error reads as Foundation's "The operation could not be
        // completed", which says nothing: name the kind of problem instead.
        reason = said.hasPrefix("The operation could not be completed") ? "not a valid regular expression" : said
        column = Self.offset(of: error, in: pattern).map { $0 + 1 }
    }

    /// `at character 3: expected ')'`, or the reason alone when the position is unknown.
    public var description: String {
        column.map { "at character \($0): \(reason)" } ?? reason
    }

    /// The offset the regex parser's located error carries. Its type is internal to the standard
    /// library's regex parser, so it is read by reflection; nil if that shape ever changes.
    private static func offset(of error: any Error, in pattern: String) -> Int? {
        guard let location = Mirror(reflecting: error).children.first(where: { $0.label == "location" })?.value,
            let range = Mirror(reflecting: location).children.first(where: { $0.label == "range" })?.value
                as? Range<String.Index>,
            range.lowerBound >= pattern.startIndex, range.lowerBound <= pattern.endIndex
        else { return nil }
        return pattern.distance(from: pattern.startIndex, to: range.lowerBound)
    }
}
