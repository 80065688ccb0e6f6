import Foundation

/// `assay.jsonc`: per-target settings a team commits next to its suites, so the
/// command line stays short. Command-line flags and `ASSAY_*` variables win over it.
public struct ConfigFile: Sendable {
    /// The default config file, read from the working directory when present.
    public static let defaultName = "assay.jsonc"

    public var target: String?
    public var mode: PolicyMode?
    public var variables: [VariableDefinition] = []
    public var goldens: String?
    public var suites: [String] = []
    public var parallel: Int?
    public var file: String?
    /// The run's trace-id policy (`trace` block); suites may declare their own.
    public var trace: TracePolicy?
    /// The target's name, when the config is a target profile (`name`): names the skip reasons.
    public var name: String?
    /// Which clauses the target claims (`claims`); nil claims every clause.
    public var claims: ClauseClaims?

    public init() {}

    /// Reads the config at `path`, or `assay.jsonc` in the working directory when `path` is nil and it exists.
    public static func load(path: String?, fileManager: FileManager = .default) throws(Diagnostic) -> ConfigFile {
        let file: String
        if let path {
            file = path
            guard fileManager.fileExists(atPath: file) else { throw Diagnostic("no such config file: \(file)") }
        } else {
            guard fileManager.fileExists(atPath: defaultName) else { return ConfigFile() }
            file = defaultName
        }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(of: file, limit: FileBytes.maximumInputBytes)
        } catch {
            throw Diagnostic(
                "cannot read config file: \(error.reason)", at: SourceLocation(file: file, line: 1, column: 1))
        }
        return try decode(JSONParser.parseNode(data: Data(bytes), file: file), file: file)
    }

    static func decode(_ root: JSONNode, file: String) throws(Diagnostic) -> ConfigFile {
        var reader = try NodeReader(root, context: "config")
        reader.allow(
            "$schema", "name", "target", "mode", "variables", "secrets", "goldens", "suites", "parallel", "trace",
            "claims")
        try reader.finish()
        var config = ConfigFile()
        config.file = file
        config.name = try reader.string("name")
        config.target = try reader.string("target")
        config.mode = try reader.choice("mode", as: PolicyMode.self)
        config.variables = try SuiteDecoder.decodeVariables(
            reader.member("variables"), secretNames: reader.strings("secrets"), allowsJSON: true)
        // Paths are the config's own: resolved against its folder, wherever the run starts.
        let folder = folder(of: file)
        config.goldens = try reader.string("goldens").map { resolve($0, against: folder) }
        config.suites = try reader.strings("suites").map { resolve($0, against: folder) }
        config.claims = try reader.member("claims").map { node throws(Diagnostic) in
            try ClauseClaims.decode(node, profile: config.name ?? file)
        }
        config.parallel = try reader.integer("parallel", in: 1...256)
        config.trace = try reader.member("trace").map(TracePolicy.decode)
        return config
    }

    /// The folder part of `file`, or nil for a file in the working directory.
    static func folder(of file: String) -> String? {
        guard let slash = file.lastIndex(of: "/") else { return nil }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// `path` as seen from the working directory, when it is written relative to `folder`.
    static func resolve(_ path: String, against folder: String?) -> String {
        guard let folder, !path.hasPrefix("/") else { return path }
        return normalized(folder.hasSuffix("/") ? folder + path : folder + "/" + path)
    }

    /// `a/b/../c` as `a/c`, so reports name suite files as a reader would; a leading `..` stays.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
