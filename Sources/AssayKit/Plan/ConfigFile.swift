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
    /// The description every exchange is validated against (`openapi`).
    public var openAPI: OpenAPISetting?

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
            "$schema", "target", "mode", "variables", "secrets", "goldens", "suites", "parallel", "trace",
            "openapi")
        try reader.finish()
        var config = ConfigFile()
        config.file = file
        config.target = try reader.string("target")
        config.mode = try reader.choice("mode", as: PolicyMode.self)
        config.variables = try SuiteDecoder.decodeVariables(
            reader.member("variables"), secretNames: reader.strings("secrets"))
        config.goldens = try reader.string("goldens")
        config.suites = try reader.strings("suites")
        config.parallel = try reader.integer("parallel", in: 1...256)
        config.trace = try reader.member("trace").map(TracePolicy.decode)
        if let node = reader.member("openapi") { config.openAPI = try OpenAPISetting.decode(node, file: file) }
        return config
    }
}
