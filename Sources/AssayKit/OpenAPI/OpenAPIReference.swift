import Foundation

/// A node of the description together with the document it lives in, so a `$ref` inside it is
/// resolved against the right file.
public struct OpenAPINode: Sendable {
    public var node: JSONNode
    /// The path of the document holding `node`.
    public var document: String

    public init(_ node: JSONNode, in document: String) {
        self.node = node
        self.document = document
    }

    public var location: SourceLocation { node.location }

    /// The member `key` of an object node, with its document.
    public subscript(key: String) -> OpenAPINode? {
        guard case .object(let members) = node.kind, let member = members.first(where: { $0.key == key }) else {
            return nil
        }
        return OpenAPINode(member.value, in: document)
    }

    /// The members of an object node in document order (empty for anything else).
    public var members: [(key: String, keyLocation: SourceLocation, value: OpenAPINode)] {
        guard case .object(let members) = node.kind else { return [] }
        return members.map { ($0.key, $0.keyLocation, OpenAPINode($0.value, in: document)) }
    }

    /// The items of an array node (empty for anything else).
    public var items: [OpenAPINode] {
        guard case .array(let items) = node.kind else { return [] }
        return items.map { OpenAPINode($0, in: document) }
    }

    public var string: String? {
        if case .string(let text) = node.kind { return text }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let value) = node.kind { return value }
        return nil
    }

    public var number: JSONNumber? {
        if case .number(let value) = node.kind { return value }
        return nil
    }

    /// The `$ref` this node is, if it is one.
    public var reference: String? { self["$ref"]?.string }
}

/// Resolves `$ref`s: `#/json/pointer` within a document, `file.yaml#/pointer` and `file.yaml`
/// across local files. Chains of references are followed with a bound, so a reference cycle is an
/// error rather than a hang; recursive schemas are left to the callers, which stop at a schema
/// they are already inside.
public struct OpenAPIResolver: Sendable {
    public let documents: OpenAPIDocumentSet
    /// Longest chain of `$ref` to `$ref` followed before calling it a cycle.
    public static let maxChain = 64
    /// Targets already found, by document and reference: a run resolves the same few references
    /// for every exchange, and finding one scans the members on its way.
    private let found = ResolvedReferences()

    public init(_ documents: OpenAPIDocumentSet) { self.documents = documents }

    public var root: OpenAPINode { OpenAPINode(documents.root, in: documents.rootPath) }

    /// `node` with its `$ref` chain followed (itself when it is no reference).
    public func resolve(_ node: OpenAPINode) throws(Diagnostic) -> OpenAPINode {
        var current = node
        var seen: [String] = []
        while let reference = current.reference {
            let key = current.document + "|" + reference
            if seen.contains(key) || seen.count >= Self.maxChain {
                throw Diagnostic(
                    "`$ref: \(reference)` is part of a reference cycle",
                    at: current["$ref"]?.location ?? current.location)
            }
            seen.append(key)
            current = try target(of: reference, from: current)
        }
        return current
    }

    /// `node` resolved, or nil when its reference does not resolve.
    public func resolved(_ node: OpenAPINode?) -> OpenAPINode? {
        guard let node else { return nil }
        do {
            return try resolve(node)
        } catch {
            return nil
        }
    }

    /// The node one `$ref` names, from the node holding it.
    public func target(of reference: String, from holder: OpenAPINode) throws(Diagnostic) -> OpenAPINode {
        let key = ResolvedReferences.Key(document: holder.document, reference: reference)
        if let known = found.node(for: key) { return known }
        let target = try lookUp(reference, from: holder)
        found.remember(target, for: key)
        return target
    }

    private func lookUp(_ reference: String, from holder: OpenAPINode) throws(Diagnostic) -> OpenAPINode {
        let location = holder["$ref"]?.location ?? holder.location
        let (file, fragment) = Self.split(reference)
        var document = holder.document
        var tree: JSONNode
        if let file {
            document = OpenAPIDocumentSet.path(file, from: holder.document)
            do {
                tree = try documents.document(at: document)
            } catch {
                throw Diagnostic("`$ref: \(reference)`: \(error.message)", at: location)
            }
        } else {
            tree = try documents.document(at: document)
        }
        for token in Self.pointerTokens(fragment) {
            switch tree.kind {
            case .object(let members):
                guard let member = members.first(where: { $0.key == token }) else {
                    throw Diagnostic("`$ref: \(reference)` does not resolve: no member `\(token)`", at: location)
                }
                tree = member.value
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else {
                    throw Diagnostic("`$ref: \(reference)` does not resolve: no item \(token)", at: location)
                }
                tree = items[index]
            default:
                throw Diagnostic("`$ref: \(reference)` does not resolve: `\(token)` is inside a scalar", at: location)
            }
        }
        return OpenAPINode(tree, in: document)
    }

    /// A reference's file part (nil for the same document) and its JSON-pointer fragment.
    static func split(_ reference: String) -> (file: String?, fragment: String) {
        guard let hash = reference.firstIndex(of: "#") else { return (reference.isEmpty ? nil : reference, "") }
        let file = String(reference[..<hash])
        return (file.isEmpty ? nil : file, String(reference[reference.index(after: hash)...]))
    }

    /// The decoded tokens of a JSON pointer (`~1` is `/`, `~0` is `~`, percent-escapes decoded).
    static func pointerTokens(_ fragment: String) -> [String] {
        // Foundation's decoding is costly and a run resolves references for every exchange: only
        // a fragment that holds an escape pays for it.
        let decoded =
            fragment.utf8.contains(UInt8(ascii: "%")) ? fragment.removingPercentEncoding ?? fragment : fragment
        guard decoded.hasPrefix("/") else { return [] }
        return decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            guard $0.utf8.contains(UInt8(ascii: "~")) else { return String($0) }
            return $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }
}

/// The resolver's memory of references it found, shared by its copies and safe across threads.
private final class ResolvedReferences: @unchecked Sendable {
    // @unchecked: `nodes` is guarded by `lock`.
    private var nodes: [Key: OpenAPINode] = [:]
    private let lock = NSLock()

    /// A reference as written, in the document holding it (a relative file is relative to that).
    struct Key: Hashable {
        let document: String
        let reference: String
    }

    func node(for key: Key) -> OpenAPINode? { lock.withLock { nodes[key] } }
    func remember(_ node: OpenAPINode, for key: Key) { lock.withLock { nodes[key] = node } }
}
