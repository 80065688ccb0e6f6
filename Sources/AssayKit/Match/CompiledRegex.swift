/// A regular expression from a suite or the command line (`{{regex:…}}`, text-pattern holes,
/// header rules, trace formats, `--filter`), compiled once with Swift's own `Regex`.
///
/// Not `NSRegularExpression`: that one comes with swift-corelibs-foundation, and any use of it links
/// ICU and its 34 MB of data into the static binary (docs/PERFORMANCE.md). Matching is by Unicode
/// scalar, as ICU matches by code point: with Swift's default, grapheme clusters, `.` would take
/// an "e" and its combining accent as one character.
public struct CompiledRegex: @unchecked Sendable {
    // @unchecked: a compiled `Regex` is an immutable program; matching does not mutate it.

    /// The pattern as written.
    public let pattern: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern`; throws a `RegexProblem` saying what is wrong and at which character.
    public init(_ pattern: String) throws(RegexProblem) {
        self.pattern = pattern
        do {
            regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
        } catch {
            throw RegexProblem(error, in: pattern)
        }
    }

    /// Whether the pattern matches somewhere in `text`.
    public func found(in text: String) -> Bool {
        (try? regex.firstMatch(in: text)).flatMap { $0 } != nil
    }

    /// The first capture group of the first match in `text` (the whole match when the pattern has
    /// no group, or the group took no part in the match); nil when nothing matches.
    public func firstCapture(in text: String) -> String? {
        guard let match = (try? regex.firstMatch(in: text)).flatMap({ $0 }) else { return nil }
        if match.output.count > 1, let group = match.output[1].substring { return String(group) }
        return match.output[0].substring.map(String.init)
    }

    /// `text` as a pattern that matches exactly it: ASCII letters, digits and non-ASCII scalars
    /// stand for themselves, other printable ASCII is escaped, control characters are written
    /// as `\x{…}`.
    public static func escaped(_ text: String) -> String {
        var pattern = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x80...: pattern.unicodeScalars.append(scalar)
            case 0x20...0x7E:
                pattern += "\\"
                pattern.unicodeScalars.append(scalar)
            default: pattern += "\\x{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return pattern
    }
}
