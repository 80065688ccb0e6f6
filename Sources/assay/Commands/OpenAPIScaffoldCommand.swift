import AssayKit
import Foundation

/// `assay openapi scaffold SPEC`: writes a starter suite.
struct OpenAPIScaffoldCommand: OptionsCommand {
    static let name = "openapi scaffold"
    static let summary = "Write a starter suite: one case per operation."
    static let usage = "assay openapi scaffold SPEC [--out FILE] [--base-path PATH]"
    static let about = """
        Writes a starter suite: one case per operation (path parameters and request bodies from
        the spec's examples, the first success status and its content type expected) and one
        case per secured operation that sends no credentials and expects the 401 envelope.
        """
    static let options: [Arguments.Option] = [
        .init(
            names: ["-o", "--out"], kind: .value(placeholder: "FILE"), help: "Write the suite here (default: stdout)."),
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
        return ExitCode.success
    }
}
