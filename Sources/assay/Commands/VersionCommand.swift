import AssayKit

/// `assay version`: prints the version.
struct VersionCommand: Command {
    static let name = "version"
    static let summary = "Print the version."
    static let usage = "assay version"
    static let about = "Prints the version of assay."
    static let options: [Arguments.Option] = []

    let arguments: Arguments

    func execute() throws -> Int32 {
        print("assay \(AssayVersion.current)")
        return ExitCode.success
    }
}
