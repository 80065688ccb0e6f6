/// Where a value sits in a document, for messages: `$`, `$.error.param`, `$.data[0].id`,
/// `$["weird key"]`. Mismatches carry one of these.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step down into a document.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    /// The whole document, `$`.
    public static let root = JSONPath()

    public init(_ components: [Component] = []) { self.components = components }

    /// This path with a member step added.
    public func appending(key: String) -> JSONPath { JSONPath(components + [.key(key)]) }

    /// This path with an array index step added.
    public func appending(index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }

    /// The RFC 6901 pointer to the same value.
    public var pointer: JSONPointer {
        JSONPointer(
            tokens: components.map {
                switch $0 {
                case .key(let key): key
                case .index(let index): String(index)
                }
            })
    }

    /// `$` followed by `.name` for identifier-like keys, `["key"]` for others and `[n]` for indices.
    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .key(let key) where Self.isIdentifier(key): text += "." + key
            case .key(let key): text += "[" + JSONWriter.quote(key) + "]"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return key.utf8.allSatisfy {
            (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x5F
        }
    }
}
