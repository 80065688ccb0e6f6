import AssayKit

/// One `assay` command: its options and help text, and what it does once its arguments parse.
/// Parsing, `--help` and the help layout are the same for every command (`run(_:)`).
protocol Command {
    /// The word after `assay`.
    static var name: String { get }
    /// One line for `assay --help`.
    static var summary: String { get }
    /// The synopsis after `USAGE: `.
    static var usage: String { get }
    /// What the command does, above its options in `--help`.
    static var about: String { get }
    /// The command's own options; `-h`/`--help` comes with every command.
    static var options: [Arguments.Option] { get }
    /// Whether the command loads libcurl; the others never do.
    static var sendsRequests: Bool { get }

    init(arguments: Arguments) throws
    func execute() throws -> Int32
}

extension Command {
    static var sendsRequests: Bool { false }

    /// The options a command accepts: its own, then `--help`.
    static var acceptedOptions: [Arguments.Option] {
        options + [.init(names: ["-h", "--help"], kind: .flag, help: "Show this help.")]
    }

    static var help: String {
        """
        USAGE: \(usage)

        \(about)

        OPTIONS:
        \(Arguments.helpText(acceptedOptions))
        """
    }

    /// Parses `arguments` (after the command's name), prints the help for `--help`, else executes.
    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(command: name, options: acceptedOptions, arguments: arguments)
        if parsed.flag("--help") {
            print(help)
            return ExitCode.success
        }
        return try Self(arguments: parsed).execute()
    }
}
