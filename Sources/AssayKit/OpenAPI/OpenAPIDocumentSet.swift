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
    /// Reads a referenced document of a description fetched from a URL; nil for local descriptions.
    private let fetch: (@Sendable (String) throws(Diagnostic) -> Data)?

    /// Reads the root document; referenced files are read when a `$ref` first reaches them.
    public init(path: String) throws(Diagnostic) {
        rootPath = path
        fetch = nil
        _ = try document(at: path)
    }

    /// A description held in memory (tests, `assay-target`'s own document, one fetched from
    /// `name`), named `name`. When `name` is an http(s) URL, `fetch` reads the documents its
    /// `$ref`s name, resolved against it and only from its origin.
    public init(
        name: String, root: JSONNode, fetch: (@Sendable (String) throws(Diagnostic) -> Data)? = nil
    ) {
        rootPath = name
        self.fetch = fetch
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
        let data: Data
        if Self.isURL(path) {
            // A fetched description may only name documents beside it: a `$ref` is no licence to
            // send requests elsewhere.
            guard let fetch, Self.origin(path) == Self.origin(rootPath) else {
                let origin = Self.origin(rootPath) ?? rootPath
                throw Diagnostic("cannot read OpenAPI document \(path): only documents from \(origin) are fetched")
            }
            data = try fetch(path)
        } else {
            guard !Self.isURL(rootPath), let contents = FileManager.default.contents(atPath: path) else {
                throw Diagnostic("cannot read OpenAPI document \(path)")
            }
            data = contents
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
        if isURL(relative) { return relative }
        if isURL(base) {
            return URL(string: relative, relativeTo: URL(string: base))?.absoluteURL.standardized.absoluteString
                ?? relative
        }
        if relative.hasPrefix("/") { return relative }
        let directory = (base as NSString).deletingLastPathComponent
        let joined = directory.isEmpty ? relative : directory + "/" + relative
        return (joined as NSString).standardizingPath
    }

    static func isURL(_ path: String) -> Bool { path.hasPrefix("http://") || path.hasPrefix("https://") }

    /// `http://host:port` of a URL.
    static func origin(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else { return nil }
        return "\(scheme.lowercased())://\(host.lowercased())" + (components.port.map { ":\($0)" } ?? "")
    }
}
