import AssayKit
import Foundation

/// Maps the first argument to a command.
enum CommandDispatcher {
    typealias Command = (summary: String, run: ([String]) throws -> Int32)

    /// The command called `name`. A switch, not a dictionary: building a dictionary of closures
    /// instantiated its generic metadata at run time, on every start-up.
    static func command(named name: String) -> Command? {
        switch name {
        case "run":
            ("Run suites against a target and report the verdict.", { try RunCommand(arguments: $0).execute() })
        case "list":
            ("List suites, cases and tags without sending a request.", { try ListCommand(arguments: $0).execute() })
        case "lint":
            (
                "Check suites, goldens and matchers without sending a request.",
                { try LintCommand(arguments: $0).execute() }
            )
        case "merge":
            ("Merge the JSON reports of sharded runs into one.", { try MergeCommand(arguments: $0).execute() })
        case "replay":
            ("Re-run one case of an earlier run from its JSON report.", { try ReplayCommand(arguments: $0).execute() })
        case "version":
            (
                "Print the version, the commit and the libcurl found.",
                { try VersionCommand(arguments: $0).execute() }
            )
        default: nil
        }
    }

    static let order = ["run", "list", "lint", "merge", "replay", "version"]

    /// The commands that load libcurl; the others never do.
    static func sendsRequests(_ name: String) -> Bool { name == "run" || name == "replay" }

    static func dispatch(_ arguments: [String]) throws -> Int32 {
        guard let name = arguments.first else {
            print(overview)
            return ExitCode.usageOrSuite
        }
        if ["-h", "--help", "help"].contains(name) {
            if name == "help", arguments.count > 1, let helped = command(named: arguments[1]) {
                return try helped.run(["--help"])
            }
            print(overview)
            return ExitCode.success
        }
        if ["--version", "-V"].contains(name) {
            print(VersionCommand.versionLine)
            return ExitCode.success
        }
        guard let found = command(named: name) else {
            let hint = Suggestion.nearest(to: name, among: order).map { " (did you mean `\($0)`?)" } ?? ""
            throw UsageError("unknown command `\(name)`\(hint)")
        }
        if sendsRequests(name) {
            // Loading libcurl (≈ 4 ms of one core) is the longest thing before a run's first request
            // besides checking the suites, so it starts before anything else, on the other core; it
            // sends nothing. Every way out waits for it: the process must not exit (running OpenSSL's
            // exit handlers) while another thread is still initializing OpenSSL, e.g. after a usage error.
            CurlGlobal.initializeInBackground()
        }
        defer { if sendsRequests(name) { CurlGlobal.initialize() } }
        return try found.run(Array(arguments.dropFirst()))
    }

    static var overview: String {
        """
        assay: contract tests and smoke checks for HTTP APIs, over libcurl.

        USAGE: assay <command> [options]

        COMMANDS:
        \(order.map { "  \($0.padding(toLength: 10, withPad: " ", startingAt: 0))\(command(named: $0)!.summary)" }.joined(separator: "\n"))

        Run `assay <command> --help` for a command's options.

        EXIT CODES:
          0  every case passed
          1  a contract failed
          2  a usage or suite error (nothing was run)
          3  a case could not be executed (connection, TLS, timeout)
        """
    }
}
