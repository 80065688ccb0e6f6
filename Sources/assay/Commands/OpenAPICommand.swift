import AssayKit
import Foundation

/// `assay openapi diff|check|scaffold|json …`: contracts on OpenAPI descriptions themselves. Each
/// subcommand is an `OptionsCommand` of its own; this one only picks it by the first word.
struct OpenAPICommand: Command {
    static let name = "openapi"
    static let summary = "Diff, check or scaffold from OpenAPI descriptions."

    /// The subcommands, in the order the help lists them; `word` is what follows `assay openapi`.
    static let subcommands: [(word: String, command: any OptionsCommand.Type)] = [
        ("diff", OpenAPIDiffCommand.self), ("check", OpenAPICheckCommand.self),
        ("scaffold", OpenAPIScaffoldCommand.self), ("json", OpenAPIJSONCommand.self),
    ]

    static var help: String {
        let rows = subcommands.map { word, command in
            "  " + word.padding(toLength: 10, withPad: " ", startingAt: 0) + command.summary
        }
        return """
            USAGE: assay openapi <subcommand> [options]

            SUBCOMMANDS:
            \(rows.joined(separator: "\n"))

            Run `assay openapi <subcommand> --help` for its options. Exit codes: 0 nothing breaks,
            1 a contract is broken, 2 bad input.
            """
    }

    static func run(_ arguments: [String]) throws -> Int32 {
        let words = subcommands.map(\.word)
        guard let first = arguments.first else {
            throw UsageError("give a subcommand: \(words.joined(separator: ", "))")
        }
        if ["-h", "--help", "help"].contains(first) {
            print(help)
            return ExitCode.success
        }
        guard let subcommand = subcommands.first(where: { $0.word == first })?.command else {
            let hint = Suggestion.nearest(to: first, among: words).map { " (did you mean `\($0)`?)" } ?? ""
            throw UsageError("unknown subcommand `openapi \(first)`\(hint)")
        }
        return try subcommand.run(Array(arguments.dropFirst()))
    }

    /// Reports a bad description like a bad suite: rendered with its location, exit 2.
    static func report(_ error: Diagnostic) -> Int32 {
        FileHandle.standardError.write(Data(DiagnosticRenderer.render(error).utf8))
        FileHandle.standardError.write(Data("\n".utf8))
        return ExitCode.usageOrSuite
    }

    /// The run's validation against `setting`'s description: read once, before anything is sent,
    /// so a bad description (or an `allowNull` naming no schema) is an error at the config's
    /// `openapi` key. `run` builds it; `lint` builds it to refuse what `run` would.
    static func exchangeCheck(_ setting: OpenAPISetting, mode: PolicyMode, target: String) throws(Diagnostic)
        -> OpenAPIExchangeCheck
    {
        do throws(Diagnostic) {
            let spec = try loadSpec(setting.source)
            return try OpenAPIExchangeCheck(
                spec: spec, mode: mode, scope: setting.scope, allowNull: setting.allowNull, target: target,
                location: setting.location)
        } catch {
            var located = error
            if located.location == nil { located.location = setting.location }
            throw located
        }
    }

    /// Whether a description is fetched rather than read (`lint` sends no request, so it cannot check one).
    static func isURL(_ source: String) -> Bool { source.hasPrefix("http://") || source.hasPrefix("https://") }

    /// Reads a description from a file, or fetches it when `source` is an http(s) URL (through
    /// libcurl, loaded only then), with the documents its `$ref`s name from the same origin.
    static func loadSpec(_ source: String) throws(Diagnostic) -> OpenAPISpec {
        let spec = try readSpec(source)
        keptUntilExit.keep(spec)
        return spec
    }

    /// Every description read, held until the process ends: freeing a large one's tree node by
    /// node as a command returns cost 7 % of reading it (OpenAI's 3 MB), right before the exit
    /// that gives the memory back anyway.
    private static let keptUntilExit = KeptUntilExit()

    private final class KeptUntilExit: @unchecked Sendable {
        // @unchecked: `specs` is guarded by `lock`.
        private var specs: [OpenAPISpec] = []
        private let lock = NSLock()
        func keep(_ spec: OpenAPISpec) { lock.withLock { specs.append(spec) } }
    }

    private static func readSpec(_ source: String) throws(Diagnostic) -> OpenAPISpec {
        guard isURL(source) else { return try OpenAPISpec(path: source) }
        let body = try fetchDocument(source)
        let root: JSONNode
        if YAMLParser.looksLikeYAML(path: source, data: body) {
            root = try YAMLParser.parseNode(data: body, file: source)
        } else {
            root = try JSONParser.parseNode(data: body, file: source, allowComments: false)
        }
        return try OpenAPISpec(documents: OpenAPIDocumentSet(name: source, root: root, fetch: fetchDocument))
    }

    /// The body of a 200 answer to GET `url`.
    @Sendable static func fetchDocument(_ url: String) throws(Diagnostic) -> Data {
        guard CurlGlobal.initialize(), let client = CurlClient() else {
            throw Diagnostic("cannot fetch \(url): \(CurlGlobal.problem ?? "libcurl could not start")")
        }
        let exchange = client.perform(HTTPRequest(url: url))
        guard let response = exchange.response, exchange.failure == nil else {
            throw Diagnostic("cannot fetch \(url): \(exchange.failure?.message ?? "no response")")
        }
        guard response.status == 200 else {
            throw Diagnostic("cannot fetch \(url): the server answered \(response.status) \(response.reason)")
        }
        return response.body
    }

}
