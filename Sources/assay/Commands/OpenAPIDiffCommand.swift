import AssayKit
import Foundation

/// `assay openapi diff OLD NEW`: breaking and non-breaking changes between two versions of a
/// description, with exit 1 when a change fails under `--fail-on`.
struct OpenAPIDiffCommand: OptionsCommand {
    static let name = "openapi diff"
    static let summary = "Breaking and non-breaking changes between two versions of a description."
    static let usage = "assay openapi diff OLD NEW [--fail-on breaking|removals|none] [--json FILE] [--markdown FILE]"
    static let about = """
        Compares two versions of an OpenAPI 3.0/3.1 description (YAML or JSON, a file or an http(s) URL).
        Breaking: a path or method removed, a required parameter or request property added, a request
        type or enum narrowed, a response property removed or retyped, a success status removed, a
        security requirement added, a declared response header removed. Exit 0 when nothing fails under
        the policy, 1 when something does, 2 on bad input.
        """
    static let options: [Arguments.Option] = [
        .init(names: ["--json"], kind: .value(placeholder: "FILE"), help: "Write the changes as JSON."),
        .init(
            names: ["--markdown"], kind: .value(placeholder: "FILE"), help: "Write a Markdown report (a PR comment)."),
        .init(
            names: ["--fail-on"], kind: .value(placeholder: "POLICY"),
            help: "breaking (default): any breaking change; removals: a removed path or method; none."),
        .init(
            names: ["--annotations"], kind: .flag,
            help: "Print GitHub annotations into the new document (automatic under GitHub Actions)."),
    ]

    let arguments: Arguments

    func execute() throws -> Int32 {
        guard arguments.positionals.count == 2 else { throw UsageError("give two descriptions: OLD NEW") }
        let policyName = arguments.value("--fail-on") ?? "breaking"
        guard let policy = OpenAPIFailPolicy(rawValue: policyName) else {
            throw UsageError("--fail-on expects breaking, removals or none, got \"\(policyName)\"")
        }
        let old: OpenAPISpec
        let new: OpenAPISpec
        do throws(Diagnostic) {
            old = try OpenAPICommand.loadSpec(arguments.positionals[0])
            new = try OpenAPICommand.loadSpec(arguments.positionals[1])
        } catch {
            return OpenAPICommand.report(error)
        }
        let report = OpenAPIDiffReport(
            oldFile: old.file, newFile: new.file, changes: OpenAPIDiff.compare(old, new), policy: policy)
        print(report.console, terminator: "")
        if let path = arguments.value("--json") { try AtomicFile.write(report.json, to: path) }
        if let path = arguments.value("--markdown") { try AtomicFile.write(report.markdown, to: path) }
        if arguments.flag("--annotations") || GitHubAnnotations.enabled(ProcessEnvironment.current()) {
            for line in report.annotations { print(line) }
        }
        return report.exitCode
    }
}
