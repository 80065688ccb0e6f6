import AssayKit
import Foundation

// The one funnel from commands to exit codes: each command returns its code, usage
// mistakes exit 2 with a pointer to --help, and nothing else calls exit().
let arguments = Array(CommandLine.arguments.dropFirst())
let code: Int32
do {
    code = try CommandDispatcher.dispatch(arguments)
} catch let diagnostic as Diagnostic where diagnostic.location != nil {
    // A mistake in a file (a config, a profile it extends): shown at its line, like a suite's,
    // not as a misuse of the command line.
    FileHandle.standardError.write(Data((DiagnosticRenderer.render(diagnostic) + "\n").utf8))
    if GitHubAnnotations.enabled(ProcessEnvironment.current()), let line = GitHubAnnotations.line(diagnostic) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
    FileHandle.standardError.write(Data("1 error in \(diagnostic.location?.file ?? "a file"); nothing was run.\n".utf8))
    code = ExitCode.usageOrSuite
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
