/// An expected JSON value with its matchers parsed once (regexes compiled once), ready to be
/// compared with many actual values.
public indirect enum Expectation: Sendable {
    /// A scalar that must be equal: null, boolean, number (by value) or string (matcher escapes removed).
    case literal(JSONValue)
    /// A `{{…}}` matcher.
    case matcher(Matcher)
    /// An array with the same length, compared element by element.
    case array([Expectation])
    /// An object, compared member by member whatever the key order.
    case object([ExpectedMember])

    /// Parses the matchers in a located tree; every bad matcher is reported, each at its string.
    public init(parsing node: JSONNode) throws(DiagnosticList) {
        var diagnostics: [Diagnostic] = []
        self = Self.build(node, located: true, diagnostics: &diagnostics)
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
    }

    /// Parses the matchers in a plain value (no locations in its diagnostics).
    public init(parsing value: JSONValue) throws(DiagnosticList) {
        var diagnostics: [Diagnostic] = []
        self = Self.build(value, diagnostics: &diagnostics)
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
    }

    /// How the expectation reads in a message: the literal as compact JSON, the matcher's name,
    /// or the container type.
    public var summary: String {
        switch self {
        case .literal(let value): value.abbreviated()
        case .matcher(let matcher): matcher.source
        case .array: "array"
        case .object: "object"
        }
    }

    /// The expectation written back as compact JSON (matchers as `"{{…}}"`), cut at 80 characters.
    public var sketch: String {
        let text = sketchText()
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }

    private func sketchText() -> String {
        switch self {
        case .literal(let value): return JSONWriter.compact(value)
        case .matcher(let matcher): return JSONWriter.quote(matcher.literal)
        case .array(let items): return "[" + items.map { $0.sketchText() }.joined(separator: ",") + "]"
        case .object(let members):
            return "{"
                + members.map { JSONWriter.quote($0.key) + ":" + $0.expectation.sketchText() }.joined(separator: ",")
                + "}"
        }
    }

    /// Whether a missing member with this expectation is acceptable (`{{ignore}}`).
    public var allowsAbsence: Bool {
        if case .matcher(let matcher) = self, case .ignore = matcher.kind { return true }
        return false
    }

    private static func build(_ node: JSONNode, located: Bool, diagnostics: inout [Diagnostic]) -> Expectation {
        switch node.kind {
        case .array(let items):
            return .array(items.map { build($0, located: located, diagnostics: &diagnostics) })
        case .object(let members):
            return .object(
                members.map {
                    ExpectedMember(
                        key: $0.key, expectation: build($0.value, located: located, diagnostics: &diagnostics))
                })
        case .string(let text):
            return string(text, at: located ? node.location : nil, diagnostics: &diagnostics)
        default:
            return .literal(node.value)
        }
    }

    private static func build(_ value: JSONValue, diagnostics: inout [Diagnostic]) -> Expectation {
        switch value {
        case .array(let items):
            return .array(items.map { build($0, diagnostics: &diagnostics) })
        case .object(let object):
            return .object(
                object.map { ExpectedMember(key: $0.key, expectation: build($0.value, diagnostics: &diagnostics)) })
        case .string(let text):
            return string(text, at: nil, diagnostics: &diagnostics)
        default:
            return .literal(value)
        }
    }

    private static func string(_ text: String, at location: SourceLocation?, diagnostics: inout [Diagnostic])
        -> Expectation
    {
        guard Matcher.isMatcherSyntax(text) else { return .literal(.string(Matcher.unescapeLiteral(text))) }
        do {
            return .matcher(try Matcher(parsing: text, at: location))
        } catch {
            diagnostics.append(error)
            return .literal(.string(text))
        }
    }
}

/// One expected object member.
public struct ExpectedMember: Sendable {
    public var key: String
    public var expectation: Expectation

    public init(key: String, expectation: Expectation) {
        self.key = key
        self.expectation = expectation
    }
}
