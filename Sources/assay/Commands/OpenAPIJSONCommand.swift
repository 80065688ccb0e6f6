import AssayKit
import Foundation

/// `assay openapi json SPEC`: the description as JSON, `$ref`s kept (e.g. to convert YAML).
struct OpenAPIJSONCommand: OptionsCommand {
    static let name = "openapi json"
    static let summary = "Print the description (YAML or JSON) as JSON."
    static let usage = "assay openapi json SPEC"
    static let about = "Prints the description as JSON ($refs kept), e.g. to convert YAML."
    static let options: [Arguments.Option] = []

    let arguments: Arguments

    func execute() throws -> Int32 {
        guard arguments.positionals.count == 1 else { throw UsageError("give one SPEC file") }
        let documents: OpenAPIDocumentSet
        do throws(Diagnostic) {
            documents = try OpenAPIDocumentSet(path: arguments.positionals[0])
        } catch {
            return OpenAPICommand.report(error)
        }
        print(JSONWriter.pretty(documents.root.value), terminator: "")
        return ExitCode.success
    }
}
