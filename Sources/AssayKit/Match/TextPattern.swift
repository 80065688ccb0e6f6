import Foundation

/// An expected non-JSON body: literal text with holes. `{{any}}` matches any text (lazily, across
/// lines) and `{{regex:PATTERN}}` matches the pattern; everything else, including other `{{…}}`,
/// is literal, and `\{{` writes a literal `{{`. The pattern must match the whole body.
/// Line endings are normalized: CRLF in the pattern or the text compares as LF.
public struct TextPattern: Sendable {
    enum Piece: Sendable, Equatable {
        case literal(String)
        case any
        case regex(String)
    }

    /// The pattern as written.
    public let source: String
    let pieces: [Piece]
    // Nil when the pattern has no holes: the comparison is then plain string equality.
    let expression: CompiledRegex?

    /// Parses a pattern; a `{{regex:` without its closing `}}` or a bad regex is reported at `location`.
    public init(parsing text: String, at location: SourceLocation? = nil) throws(Diagnostic) {
        source = text
        pieces = try Self.pieces(of: Self.normalizeLineEndings(text), at: location)
        expression = try Self.compile(pieces, at: location)
    }

    /// Whether the whole text matches.
    public func matches(_ text: String) -> Bool {
        let text = Self.normalizeLineEndings(text)
        guard let expression else { return pieces.isEmpty ? text.isEmpty : text == literalText }
        return expression.found(in: text)
    }

    /// Nil when the text matches; otherwise a mismatch naming the first line that differs,
    /// e.g. `line 3: expected "total: {{any}}", got "error"`.
    public func mismatch(_ text: String) -> Mismatch? {
        guard !matches(text) else { return nil }
        let expectedLines = Self.lines(source)
        let actualLines = Self.lines(text)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let expected = index < expectedLines.count ? expectedLines[index] : nil
            let actual = index < actualLines.count ? actualLines[index] : nil
            if let expected, let actual, Self.lineMatches(expected, actual) { continue }
            return Self.lineMismatch(index + 1, expected: expected, actual: actual)
        }
        // Every line matches on its own, yet the whole does not (e.g. `{{any}}` spanning lines).
        return Mismatch(
            kind: .textLine(1), path: .root, expected: Self.show(source), actual: Self.show(text),
            message: "text does not match the pattern as a whole")
    }

    private static func normalizeLineEndings(_ text: String) -> String {
        text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
    }

    private var literalText: String {
        pieces.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
    }

    /// Lines split at LF or CRLF ("\r\n" is a single Character, so both are checked).
    private static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
    }

    private static func lineMatches(_ patternLine: String, _ actual: String) -> Bool {
        guard let pattern = try? TextPattern(parsing: patternLine) else { return patternLine == actual }
        return pattern.matches(actual)
    }

    private static func lineMismatch(_ line: Int, expected: String?, actual: String?) -> Mismatch {
        let shownExpected = expected.map(show) ?? "end of text"
        let shownActual = actual.map(show) ?? "end of text"
        return Mismatch(
            kind: .textLine(line), path: .root, expected: shownExpected, actual: shownActual,
            message: "line \(line): expected \(shownExpected), got \(shownActual)")
    }

    private static func show(_ text: String) -> String { JSONValue.string(text).abbreviated(limit: 120) }

    private static func pieces(of text: String, at location: SourceLocation?) throws(Diagnostic) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let first = rest.first {
            if rest.hasPrefix("\\{{") {
                literal += "{{"
                rest = rest.dropFirst(3)
            } else if rest.hasPrefix("{{any}}") {
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
                pieces.append(.any)
                rest = rest.dropFirst(7)
            } else if rest.hasPrefix("{{regex:") {
                let body = rest.dropFirst(8)
                guard var close = body.range(of: "}}") else {
                    throw Diagnostic("expected '}}' to close '{{regex:' in the text pattern", at: location)
                }
                // The hole ends at the last two braces of a run, so `{{regex:x{8}}}` keeps its `{8}`.
                while close.upperBound < body.endIndex, body[close.upperBound] == "}" {
                    close = body.index(after: close.lowerBound)..<body.index(after: close.upperBound)
                }
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
                pieces.append(.regex(String(body[..<close.lowerBound])))
                rest = body[close.upperBound...]
            } else {
                literal.append(first)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }

    private static func compile(_ pieces: [Piece], at location: SourceLocation?) throws(Diagnostic)
        -> CompiledRegex?
    {
        guard pieces.contains(where: { !isLiteral($0) }) else { return nil }
        var pattern = "\\A"
        for piece in pieces {
            switch piece {
            case .literal(let text): pattern += CompiledRegex.escaped(text)
            case .any: pattern += "[\\s\\S]*?"
            case .regex(let hole):
                guard !hole.isEmpty else {
                    throw Diagnostic("empty regular expression in the text pattern", at: location)
                }
                do {
                    _ = try CompiledRegex(hole)
                } catch {
                    throw Diagnostic(
                        "invalid regular expression \(JSONWriter.quote(hole)) in the text pattern \(error)",
                        at: location)
                }
                pattern += "(?:" + hole + ")"
            }
        }
        do {
            return try CompiledRegex(pattern + "\\z")
        } catch {
            throw Diagnostic("invalid text pattern \(error)", at: location)
        }
    }

    private static func isLiteral(_ piece: Piece) -> Bool {
        if case .literal = piece { return true }
        return false
    }
}
