import AssayKit
import Foundation

/// `assay openapi scaffold SPEC`: writes a starter suite.
struct OpenAPIScaffoldCommand: OptionsCommand {
    static let name = "openapi scaffold"
    static let summary = "Write a starter suite: one case per operation."
    static let usage = "assay openapi scaffold SPEC [--out FILE] [--config FILE] [--base-path PATH]"
    static let about = """
        Writes a starter suite: one case per operation (path parameters and request bodies from
        the spec's examples, the first success status and its content type expected) and one
        case per secured operation that sends no credentials and expects the 401 envelope.
        With --config, also writes a config whose `openapi` key names SPEC, so every response
        of a run is checked against the description's schemas.
        """
    static let options: [Arguments.Option] = [
        .init(
            names: ["-o", "--out"], kind: .value(placeholder: "FILE"), help: "Write the suite here (default: stdout)."),
        .init(
            names: ["--config"], kind: .value(placeholder: "FILE"),
            help: "Also write a config (e.g. assay.jsonc) whose `openapi` names SPEC; an existing file is kept."),
        .init(
            names: ["--base-path"], kind: .value(placeholder: "PATH"),
            help: "Prefix for every path (default: the first server's path, e.g. /v1)."),
    ]

    let arguments: Arguments

    func execute() throws -> Int32 {
        guard arguments.positionals.count == 1 else { throw UsageError("give one description: SPEC") }
        let spec: OpenAPISpec
        do throws(Diagnostic) {
            spec = try OpenAPICommand.loadSpec(arguments.positionals[0])
        } catch {
            return OpenAPICommand.report(error)
        }
        let suite = OpenAPIScaffold.suite(spec, basePath: arguments.value("--base-path"))
        if let path = arguments.value("--out") {
            try AtomicFile.write(suite, to: path)
            print("wrote \(path): \(spec.operations.count) operation(s)")
        } else {
            print(suite, terminator: "")
        }
        let source = arguments.positionals[0]
        guard let config = arguments.value("--config") else {
            let key = "\"openapi\": \(JSONWriter.quote(source))"
            FileHandle.standardError.write(
                Data("note: add \(key) to the config (or run with --openapi) to check every response's schema\n".utf8))
            return ExitCode.success
        }
        guard !FileManager.default.fileExists(atPath: config) else {
            throw UsageError(
                "--config: \(config) exists and is kept; add \"openapi\": \(JSONWriter.quote(Self.reference(to: source, from: config))) to it"
            )
        }
        try AtomicFile.write(Self.config(source: source, at: config), to: config)
        print("wrote \(config): every response is checked against \(source)")
        return ExitCode.success
    }

    /// A config holding only the description, so a run of the scaffolded suite validates every
    /// response against it (config paths are relative to the config's folder).
    static func config(source: String, at path: String) -> String {
        "// Written by `assay openapi scaffold`: every response of a run is checked against this\n"
            + "// description's schemas (see docs/OPENAPI.md).\n"
            + JSONWriter.pretty(.object(JSONObject([("openapi", .string(reference(to: source, from: path)))])))
    }

    /// `source` as the config at `configPath` names it: a URL as is, a file relative to the config's folder.
    static func reference(to source: String, from configPath: String) -> String {
        guard !OpenAPICommand.isURL(source) else { return source }
        let spec = URL(fileURLWithPath: source).standardizedFileURL.pathComponents
        let folder = URL(fileURLWithPath: configPath).standardizedFileURL.deletingLastPathComponent().pathComponents
        let shared = zip(spec, folder).prefix { $0 == $1 }.count
        let ups = Array(repeating: "..", count: folder.count - shared)
        return (ups + spec[shared...]).joined(separator: "/")
    }
}
