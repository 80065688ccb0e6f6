/// A pattern over the sequence of event types in a stream, e.g.
/// `response.created, response.in_progress, response.output_text.delta*, response.completed|response.failed`.
///
/// Syntax: elements separated by commas and/or whitespace. Each element is one or more types
/// joined by `|` (alternatives), optionally followed by `*` (zero or more), `+` (one or more)
/// or `?` (optional). `_` matches any type.
public struct EventTypePattern: Sendable, Equatable, CustomStringConvertible {
    /// How many times an element may repeat.
    public enum Quantifier: String, Sendable, Equatable {
        /// Exactly once.
        case one = ""
        /// Zero or one time (`?`).
        case optional = "?"
        /// Zero or more times (`*`).
        case zeroOrMore = "*"
        /// One or more times (`+`).
        case oneOrMore = "+"
    }

    /// One position of the pattern.
    public struct Element: Sendable, Equatable {
        /// The types accepted here; `_` accepts any type.
        public var alternatives: [String]
        /// How many times the element may repeat.
        public var quantifier: Quantifier

        /// Creates an element.
        public init(_ alternatives: [String], _ quantifier: Quantifier = .one) {
            self.alternatives = alternatives
            self.quantifier = quantifier
        }

        func accepts(_ type: String) -> Bool { alternatives.contains { $0 == "_" || $0 == type } }
    }

    /// Where an observed sequence first leaves the pattern.
    public struct Divergence: Sendable, Equatable, CustomStringConvertible {
        /// The 0-based index among the checked events; equal to their count when the stream ended too early.
        public var index: Int
        /// The type found there; nil when the stream ended too early.
        public var found: String?
        /// The types the pattern allowed there, in pattern order; `end of stream` may be among them.
        public var expected: [String]

        /// e.g. `event #4 is "response.completed", expected response.output_text.delta or response.output_text.done`.
        public var description: String {
            let allowed = expected.joined(separator: " or ")
            if let found { return "event #\(index) is \"\(found)\", expected \(allowed)" }
            return "stream ended after \(index) events, expected \(allowed)"
        }
    }

    /// The elements in order.
    public let elements: [Element]

    /// Creates a pattern from elements.
    public init(elements: [Element]) { self.elements = elements }

    /// Parses the pattern syntax; throws a `Diagnostic` naming the bad token.
    public init(parsing text: String, at location: SourceLocation? = nil) throws(Diagnostic) {
        var elements: [Element] = []
        let tokens = text.split { $0 == "," || $0.isWhitespace }
        for token in tokens {
            var body = Substring(token)
            var quantifier = Quantifier.one
            if let last = body.last, let parsed = Quantifier(rawValue: String(last)), parsed != .one {
                quantifier = parsed
                body = body.dropLast()
            }
            let alternatives = body.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            if let bad = alternatives.first(where: { $0.isEmpty || $0.contains(where: { "*+?()".contains($0) }) }) {
                throw Diagnostic(
                    "expected an event type in pattern element `\(token)`, found `\(bad)`", at: location,
                    hint: "write `type`, `type*`, `type+`, `type?` or `a|b`, separated by commas")
            }
            elements.append(Element(alternatives, quantifier))
        }
        if elements.isEmpty {
            throw Diagnostic("expected at least one event type in the event order pattern", at: location)
        }
        self.init(elements: elements)
    }

    /// The pattern in its own syntax.
    public var description: String {
        elements.map { $0.alternatives.joined(separator: "|") + $0.quantifier.rawValue }.joined(separator: ", ")
    }

    /// The first place where `types` leaves the pattern, or nil when the whole sequence matches.
    public func firstDivergence(in types: [String]) -> Divergence? {
        // A set-of-positions simulation (as in a Thompson NFA) needs no backtracking, so the first
        // index at which no position survives is exactly where the sequence diverges.
        var states = closure(of: [0])
        for (index, type) in types.enumerated() {
            var next: Set<Int> = []
            for position in states where position < elements.count && elements[position].accepts(type) {
                switch elements[position].quantifier {
                case .one, .optional: next.insert(position + 1)
                case .zeroOrMore, .oneOrMore: next.formUnion([position, position + 1])
                }
            }
            if next.isEmpty {
                return Divergence(index: index, found: type, expected: expectedTypes(at: states))
            }
            states = closure(of: next)
        }
        if states.contains(elements.count) { return nil }
        return Divergence(index: types.count, found: nil, expected: expectedTypes(at: states))
    }

    /// Adds every position reachable by skipping optional elements.
    private func closure(of positions: Set<Int>) -> Set<Int> {
        var result = positions
        var pending = Array(positions)
        while let position = pending.popLast() {
            guard position < elements.count else { continue }
            switch elements[position].quantifier {
            case .optional, .zeroOrMore:
                if result.insert(position + 1).inserted { pending.append(position + 1) }
            case .one, .oneOrMore:
                break
            }
        }
        return result
    }

    private func expectedTypes(at states: Set<Int>) -> [String] {
        var types: [String] = []
        for position in states.sorted() {
            let names = position < elements.count ? elements[position].alternatives : ["end of stream"]
            for name in names.map({ $0 == "_" ? "any event" : $0 }) where !types.contains(name) { types.append(name) }
        }
        return types
    }
}
