import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The folder of golden files for a suite. Every path is relative to the root and must stay
/// inside it, symlinks included; this is the only place in the JSON/Match/Golden core that
/// touches the file system.
public struct GoldenStore: Sendable {
    /// The folder goldens live in.
    public let root: URL

    /// Shares loaded goldens between the cases of a run; nil reads the file every time.
    public let cache: GoldenCache?

    public init(root: URL, cache: GoldenCache? = nil) {
        self.root = root.standardizedFileURL
        self.cache = cache
    }

    /// The file for a golden path, refused when it is absolute, leaves the root through `..`, or
    /// leads outside the root through a symbolic link.
    public func resolve(_ path: String, at location: SourceLocation? = nil) throws(Diagnostic) -> URL {
        guard !path.isEmpty else {
            throw Diagnostic("expected a golden file path, found an empty string", at: location)
        }
        guard !path.hasPrefix("/"), !path.hasPrefix("~") else {
            throw Diagnostic(
                "golden path \(JSONWriter.quote(path)) must be relative to the goldens folder", at: location)
        }
        var components: [String] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { throw escape(path, at: location) }
                components.removeLast()
            default: components.append(String(component))
            }
        }
        guard !components.isEmpty else {
            throw Diagnostic("golden path \(JSONWriter.quote(path)) does not name a file", at: location)
        }
        let url = components.reduce(root) { $0.appendingPathComponent($1) }
        let realRoot = Self.realPath(root.path)
        guard let real = Self.realPath(ofMaybeMissing: url.path) else {
            throw Diagnostic(
                "golden path \(JSONWriter.quote(path)) is a symbolic link that cannot be resolved", at: location)
        }
        guard real == realRoot || real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else {
            throw escape(path, at: location)
        }
        return url
    }

    /// The golden at `path`, or nil when it does not exist: `.json` files through the JSONC
    /// parser (goldens may carry comments), others as UTF-8 text.
    public func load(_ path: String, at location: SourceLocation? = nil) throws(Diagnostic) -> Golden? {
        guard let cache else { return try loadFile(path, at: location) }
        return try cache.golden(path) { () throws(Diagnostic) -> Golden? in try loadFile(path, at: location) }
    }

    /// The parsed expectation of a JSON golden (shared through the cache when there is one).
    func expectation(_ path: String, node: JSONNode) throws(DiagnosticList) -> Expectation {
        guard let cache else { return try Expectation(parsing: node) }
        return try cache.expectation(path) { () throws(DiagnosticList) -> Expectation in try Expectation(parsing: node)
        }
    }

    private func loadFile(_ path: String, at location: SourceLocation?) throws(Diagnostic) -> Golden? {
        let url = try resolve(path, at: location)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data: Data
        do {
            data = Data(try FileBytes.contents(of: url.path, limit: FileBytes.maximumInputBytes))
        } catch {
            throw Diagnostic("cannot read golden file \(url.path): \(error.reason)", at: location)
        }
        if Self.isJSON(path) { return .json(try JSONParser.parseNode(data: data, file: displayPath(path))) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic("golden file \(displayPath(path)) is not valid UTF-8 text", at: location)
        }
        return .text(text)
    }

    /// Writes a golden atomically (a temporary file in the same folder, then a rename), creating folders.
    @discardableResult
    public func write(_ text: String, to path: String, at location: SourceLocation? = nil) throws(Diagnostic) -> URL {
        defer { cache?.invalidate(path) }
        let url = try resolve(path, at: location)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(RandomUUID.next()).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw Diagnostic("cannot write golden file \(url.path): \(error.localizedDescription)", at: location)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Diagnostic("cannot write golden file \(url.path): \(reason)", at: location)
        }
        return url
    }

    /// The golden path as shown in diagnostics: under the root as the user gave it.
    public func displayPath(_ path: String) -> String {
        let base = root.relativePath
        return base.isEmpty || base == "." ? path : base + "/" + path
    }

    /// Whether a golden path holds JSON (compared structurally) rather than text.
    public static func isJSON(_ path: String) -> Bool { path.lowercased().hasSuffix(".json") }

    private func escape(_ path: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(
            "golden path \(JSONWriter.quote(path)) leads outside the goldens folder \(root.path)", at: location)
    }

    /// The real path of an existing file or folder; the path itself when it cannot be resolved.
    private static func realPath(_ path: String) -> String {
        realPath(ofMaybeMissing: path) ?? path
    }

    /// The real path of `path` with symlinks resolved, for a path whose last components may not exist
    /// yet: the deepest existing ancestor is resolved and the missing rest appended. Nil for a
    /// dangling symbolic link, whose target is unknown.
    private static func realPath(ofMaybeMissing path: String) -> String? {
        var existing = path
        var missing: [String] = []
        while true {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                return missing.reversed().reduce(base) { $0.hasSuffix("/") ? $0 + $1 : $0 + "/" + $1 }
            }
            var info = stat()
            if lstat(existing, &info) == 0 { return nil }  // it exists but cannot be resolved: dangling link
            let url = URL(fileURLWithPath: existing)
            let parent = url.deletingLastPathComponent().path
            guard parent != existing, !parent.isEmpty else { return nil }
            missing.append(url.lastPathComponent)
            existing = parent
        }
    }
}

/// A loaded golden file.
public enum Golden: Sendable {
    /// A `.json` golden, with locations for diagnostics about its matchers.
    case json(JSONNode)
    /// Any other golden: a text pattern.
    case text(String)
}
