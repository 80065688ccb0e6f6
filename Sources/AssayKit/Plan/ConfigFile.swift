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
    /// The config this one builds on (`extends`, relative to this file's folder), before it is merged in.
    var extends: (path: String, location: SourceLocation)?
    /// `retry`: how every plain step with no `retry` of its own is sent again (`--retry` beats it).
    public var retry: RetrySpec?
    /// `pace`: `"3/min"`, `"10/s"`: the most requests the run starts per unit of time.
    public var pace: Pace?
    /// `rateLimitWait`: how long a 429 on a case not about rate limits may be waited out.
    public var rateLimitWaitMs: Int?
    /// The description every exchange is validated against (`openapi`).
    public var openAPI: OpenAPISetting?

    public init() {}

    /// This file's settings over `base`'s: a key written here wins, and variables merge by name.
    func overlaid(on base: ConfigFile) -> ConfigFile {
        var merged = base
        merged.file = file
        merged.extends = nil
        merged.name = name ?? base.name
        merged.target = target ?? base.target
        merged.mode = mode ?? base.mode
        merged.goldens = goldens ?? base.goldens
        merged.suites = suites.isEmpty ? base.suites : suites
        merged.parallel = parallel ?? base.parallel
        merged.trace = trace ?? base.trace
        merged.retry = retry ?? base.retry
        merged.pace = pace ?? base.pace
        merged.rateLimitWaitMs = rateLimitWaitMs ?? base.rateLimitWaitMs
        merged.openAPI = openAPI ?? base.openAPI
        merged.claims = claims?.merged(over: base.claims) ?? base.claims
        if let name { merged.claims?.profile = name }
        let mine = Set(variables.map(\.name))
        merged.variables = base.variables.filter { !mine.contains($0.name) } + variables
        return merged
    }

    /// Reads the config at `path`, or `assay.jsonc` in the working directory when `path` is nil and it exists.
    public static func load(path: String?, fileManager: FileManager = .default) throws(Diagnostic) -> ConfigFile {
        try load(path: path, fileManager: fileManager, chain: [])
    }

    /// How many files an `extends` chain may span.
    static let maximumExtendsDepth = 4

    private static func load(path: String?, fileManager: FileManager, chain: [String]) throws(Diagnostic)
        -> ConfigFile
    {
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
        let root = try JSONParser.parseNode(data: Data(bytes), file: file)
        let config = try decode(root, file: file)
        guard let base = config.extends else { return config }
        if chain.contains(base.path) || chain.count >= maximumExtendsDepth {
            throw Diagnostic(
                "`extends` makes a loop or a chain longer than \(maximumExtendsDepth) files: \((chain + [file, base.path]).joined(separator: " → "))",
                at: base.location)
        }
        guard fileManager.fileExists(atPath: base.path) else {
            throw Diagnostic("`extends` names no such config file: \(base.path)", at: base.location)
        }
        return config.overlaid(on: try load(path: base.path, fileManager: fileManager, chain: chain + [file]))
    }

    static func decode(_ root: JSONNode, file: String) throws(Diagnostic) -> ConfigFile {
        var reader = try NodeReader(root, context: "config")
        reader.allow(
            "$schema", "name", "target", "mode", "variables", "secrets", "goldens", "suites", "parallel", "trace",
            "claims", "extends", "retry", "pace", "rateLimitWait", "openapi")
        try reader.finish()
        var config = ConfigFile()
        config.file = file
        if let node = reader.member("extends") {
            config.extends = (resolve(try node.requireString("`extends`"), against: folder(of: file)), node.location)
        }
        config.name = try reader.string("name")
        config.target = try reader.string("target")
        config.mode = try reader.choice("mode", as: PolicyMode.self)
        let secretNames = try reader.strings("secrets")
        config.variables = try SuiteDecoder.decodeVariables(
            reader.member("variables"), secretNames: secretNames, allowsJSON: true)
        // As in a suite: a name that is not a variable of this file would mark nothing secret, and a
        // suite's value the user meant to hide would be printed.
        for name in secretNames where !config.variables.contains(where: { $0.name == name }) {
            throw Diagnostic(
                "`secrets` names `\(name)`, which is not a variable of this config file",
                at: reader.member("secrets")?.location,
                hint: Suggestion.nearest(to: name, among: config.variables.map(\.name)).map { "did you mean `\($0)`?" }
                    ?? "declare it secret where it is defined (`\"secrets\"` there, or `{\"value\": …, \"secret\": true}`), or pass --secret \(name)=…"
            )
        }
        // Paths are the config's own: resolved against its folder, wherever the run starts.
        let folder = folder(of: file)
        config.goldens = try reader.string("goldens").map { resolve($0, against: folder) }
        config.suites = try reader.strings("suites").map { resolve($0, against: folder) }
        // `"trace": "none"`: the target sends no trace id, so the trace clause is not claimed.
        var tracesNone: SourceLocation?
        if let node = reader.member("trace"), case .string(let text) = node.kind {
            guard text == "none" else {
                throw Diagnostic(
                    "expected `trace` to be a trace block or \"none\", found \"\(text)\"", at: node.location)
            }
            tracesNone = node.location
        } else {
            config.trace = try reader.member("trace").map(TracePolicy.decode)
        }
        config.claims = try reader.member("claims").map { node throws(Diagnostic) in
            try ClauseClaims.decode(node, profile: config.name ?? file)
        }
        if let tracesNone {
            // Alone, it leaves every other clause claimed.
            var claims =
                config.claims ?? ClauseClaims(profile: config.name ?? file, location: tracesNone, listsClauses: false)
            claims.entries.removeAll { $0.key == "trace" }
            claims.entries.append(
                ClauseClaims.Entry(
                    key: "trace", reason: "the target sends no trace id (`trace: none`)", location: tracesNone,
                    mustNameATag: false))
            config.claims = claims
        }
        config.parallel = try reader.integer("parallel", in: 1...256)
        config.retry = try SuiteDecoder.decodeRetry(reader.member("retry"))
        if let node = reader.member("pace") {
            let text = try node.requireString("`pace`")
            guard let pace = Pace(parsing: text) else {
                throw Diagnostic(
                    "expected `pace` to be requests per unit such as \"3/min\" or \"10/s\", found \(JSONWriter.quote(text))",
                    at: node.location)
            }
            config.pace = pace
        }
        config.rateLimitWaitMs = try reader.milliseconds("rateLimitWait")
        if let node = reader.member("openapi") { config.openAPI = try OpenAPISetting.decode(node, file: file) }
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
