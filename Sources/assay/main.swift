import AssayKit
import Foundation

// The one funnel from commands to exit codes: each command returns its code, usage
// mistakes exit 2 with a pointer to --help, and nothing else calls exit().
let arguments = Array(CommandLine.arguments.dropFirst())
let code: Int32
do {
    code = try CommandDispatcher.dispatch(arguments)
} catch {
    FileHandle.standardError.write(Data("assay: \(error)\n".utf8))
    if let command = arguments.first, CommandDispatcher.command(named: command) != nil {
        FileHandle.standardError.write(Data("Run `assay \(command) --help` for usage.\n".utf8))
    } else {
        FileHandle.standardError.write(Data("Run `assay --help` for usage.\n".utf8))
    }
    code = ExitCode.usageOrSuite
}
exit(code)
