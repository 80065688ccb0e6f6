/// An RFC 6901 JSON pointer (`/data/0/id`; `~1` is `/`, `~0` is `~`; `""` is the whole document),
/// used by suites to pick a value out of a response.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens.
    public var tokens: [String]

    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses pointer text, reporting a malformed pointer at `location`.
    public init(parsing text: String, at location: SourceLocation? = nil) throws(Diagnostic) {
        guard !text.isEmpty else {
            self.tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw Diagnostic(
                "invalid JSON pointer \(JSONWriter.quote(text)): expected '/' at the start (or \"\" for the whole document)",
                at: location)
        }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var scalars = raw.unicodeScalars.makeIterator()
            while let scalar = scalars.next() {
                guard scalar == "~" else {
                    token.unicodeScalars.append(scalar)
                    continue
                }
                switch scalars.next() {
                case "0": token += "~"
                case "1": token += "/"
                default:
                    throw Diagnostic(
                        "invalid JSON pointer \(JSONWriter.quote(text)): expected '~0' or '~1' after '~'",
                        at: location)
                }
            }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// The pointer text, escaped.
    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }

    /// The value the pointer refers to, or nil when some step does not exist.
    public func resolve(in document: JSONValue) -> JSONValue? {
        try? lookup(in: document)
    }

    /// The value the pointer refers to; the error says which step failed and why.
    public func lookup(in document: JSONValue) throws(Diagnostic) -> JSONValue {
        var current = document
        var path = JSONPath.root
        for token in tokens {
            switch current {
            case .object(let object):
                guard let member = object[token] else {
                    throw Diagnostic("\(path): no member \(JSONWriter.quote(token)) (pointer \(self))")
                }
                current = member
                path = path.appending(key: token)
            case .array(let items):
                guard let index = Self.arrayIndex(token) else {
                    throw Diagnostic(
                        "\(path): expected an array index, found \(JSONWriter.quote(token)) (pointer \(self))")
                }
                guard index < items.count else {
                    throw Diagnostic("\(path): index \(index) is out of range, the array has \(items.count) items")
                }
                current = items[index]
                path = path.appending(index: index)
            default:
                throw Diagnostic(
                    "\(path): expected an object or array to look up \(JSONWriter.quote(token)), got \(current.typeName)"
                )
            }
        }
        return current
    }

    /// RFC 6901 array indices: `0` or digits without a leading zero.
    private static func arrayIndex(_ token: String) -> Int? {
        guard let first = token.utf8.first, token.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        guard first != 0x30 || token.utf8.count == 1 else { return nil }
        return Int(token)
    }
}
