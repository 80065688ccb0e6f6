import AssayKit
import Foundation

/// Maps the first argument to a command.
enum CommandDispatcher {
    /// Every command, in the order `assay --help` lists them.
    static let commands: [any Command.Type] = [
        RunCommand.self, ListCommand.self, LintCommand.self, MergeCommand.self, MatrixCommand.self, ReplayCommand.self,
        OpenAPICommand.self, WaitCommand.self, VersionCommand.self,
    ]

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }

    static func dispatch(_ arguments: [String]) throws -> Int32 {
        guard let name = arguments.first else {
            print(overview)
            return ExitCode.usageOrSuite
        }
        if ["-h", "--help", "help"].contains(name) {
            if name == "help", arguments.count > 1, let helped = command(named: arguments[1]) {
                print(helped.help)
                return ExitCode.success
            }
            print(overview)
            return ExitCode.success
        }
        if ["--version", "-V"].contains(name) {
            print(VersionCommand.versionLine)
            return ExitCode.success
        }
        guard let found = command(named: name) else {
            // A closure, not `\.name`: a key path through the command types crashes the Swift 6.3 compiler.
            let names = commands.map { $0.name }
            let hint = Suggestion.nearest(to: name, among: names).map { " (did you mean `\($0)`?)" } ?? ""
            throw UsageError("unknown command `\(name)`\(hint)")
        }
        if found.sendsRequests {
            // Loading libcurl is the longest thing before a run's first request besides checking the
            // suites, so it starts before anything else, on the other core; it sends nothing. Every
            // way out waits for it: the process must not exit (running OpenSSL's exit handlers) while
            // another thread is still initializing OpenSSL, e.g. after a usage error.
            CurlGlobal.initializeInBackground()
        }
        defer { if found.sendsRequests { CurlGlobal.initialize() } }
        return try found.run(Array(arguments.dropFirst()))
    }

    static var overview: String {
        """
        assay: contract tests and smoke checks for HTTP APIs, over libcurl.

        USAGE: assay <command> [options]

        COMMANDS:
        \(commands.map { "  \($0.name.padding(toLength: 10, withPad: " ", startingAt: 0))\($0.summary)" }.joined(separator: "\n"))

        Run `assay <command> --help` for a command's options.

        EXIT CODES:
          0  every case passed
          1  a contract failed
          2  a usage or suite error (nothing was run)
          3  a case could not be executed (connection, TLS, timeout)
        """
    }
}
