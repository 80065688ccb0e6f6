/// A path to a value inside an event's JSON data: dotted (`choices[0].delta.content`) or a
/// JSON pointer (`/choices/0/delta/content`). Small on purpose: stream rules only need lookups.
public struct StreamFieldPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// One step of a path.
    public enum Component: Sendable, Hashable {
        /// An object member.
        case key(String)
        /// An array element (0-based).
        case index(Int)
        /// A JSON-pointer token: an array index when the value is an array, a member otherwise.
        case token(String)
    }

    /// The steps, outermost first; empty means the whole value.
    public let components: [Component]
    /// The text as written, for messages.
    public let description: String

    /// Creates a path from its steps.
    public init(components: [Component], description: String) {
        self.components = components
        self.description = description
    }

    /// Parses a dotted path or a JSON pointer; throws a `Diagnostic` that says what was expected.
    public init(parsing text: String, at location: SourceLocation? = nil) throws(Diagnostic) {
        if text.isEmpty || text.hasPrefix("/") {
            let tokens = text.isEmpty ? [] : text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            let unescaped = tokens.map {
                $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
            self.init(components: unescaped.map { .token($0) }, description: text)
            return
        }
        var components: [Component] = []
        for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(segment)
            let name = rest.prefix { $0 != "[" }
            rest = rest.dropFirst(name.count)
            if name.isEmpty, rest.isEmpty {
                throw Diagnostic("expected a field name in path `\(text)`, found an empty segment", at: location)
            }
            if !name.isEmpty { components.append(.key(String(name))) }
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                    let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0
                else {
                    throw Diagnostic(
                        "expected `[n]` with a non-negative index in path `\(text)`, found `\(rest)`", at: location,
                        hint: "write array steps as `items[0]`")
                }
                components.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
        }
        self.init(components: components, description: text)
    }

    /// A literal path; a literal that does not parse is taken as one member name.
    public init(stringLiteral value: String) {
        if let parsed = try? StreamFieldPath(parsing: value) {
            self = parsed
        } else {
            self.init(components: [.key(value)], description: value)
        }
    }

    /// The value at this path, or nil when any step is missing.
    public func value(in root: JSONValue) -> JSONValue? {
        var current = root
        for component in components {
            switch (component, current) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else { return nil }
                current = next
            case (.index(let index), .array(let array)):
                guard array.indices.contains(index) else { return nil }
                current = array[index]
            case (.token(let token), .array(let array)):
                guard let index = Int(token), array.indices.contains(index) else { return nil }
                current = array[index]
            case (.token(let token), .object(let object)):
                guard let next = object[token] else { return nil }
                current = next
            default:
                return nil
            }
        }
        return current
    }
}
