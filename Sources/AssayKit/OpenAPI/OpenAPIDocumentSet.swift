import Foundation

/// The files of one OpenAPI description: the root document and every local file its `$ref`s
/// reach, each read once (YAML or JSON, by extension or first character) into a located tree.
public final class OpenAPIDocumentSet: @unchecked Sendable {
    // @unchecked: `documents` is guarded by `lock` (a referenced file may be read on first use
    // from any thread that resolves a `$ref`).
    /// The root document's path, as given.
    public let rootPath: String
    private var documents: [String: JSONNode] = [:]
    private let lock = NSLock()

    /// Reads the root document; referenced files are read when a `$ref` first reaches them.
    public init(path: String) throws(Diagnostic) {
        rootPath = path
        _ = try document(at: path)
    }

    /// A description held in memory (tests, `assay-target`'s own document), named `name`.
    public init(name: String, root: JSONNode) {
        rootPath = name
        documents[name] = root
    }

    public var root: JSONNode {
        // The root is read by the initializer, so it is always present.
        lock.withLock { documents[rootPath] }
            ?? JSONNode(location: SourceLocation(file: rootPath, line: 1, column: 1), kind: .null)
    }

    /// The parsed document at `path`, reading it on first use.
    public func document(at path: String) throws(Diagnostic) -> JSONNode {
        if let known = lock.withLock({ documents[path] }) { return known }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic("cannot read OpenAPI document \(path)")
        }
        let node: JSONNode
        if YAMLParser.looksLikeYAML(path: path, data: data) {
            node = try YAMLParser.parseNode(data: data, file: path)
        } else {
            node = try JSONParser.parseNode(data: data, file: path, allowComments: false)
        }
        lock.withLock { documents[path] = node }
        return node
    }

    /// The path of `relative` (a `$ref`'s file part) seen from the document at `base`.
    public static func path(_ relative: String, from base: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let directory = (base as NSString).deletingLastPathComponent
        let joined = directory.isEmpty ? relative : directory + "/" + relative
        return (joined as NSString).standardizingPath
    }
}
