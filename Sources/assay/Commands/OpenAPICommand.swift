import AssayKit
import Foundation

/// `assay openapi diff|check|scaffold|json …`: contracts on OpenAPI descriptions themselves.
struct OpenAPICommand: Command {
    static let name = "openapi"
    static let summary = "Diff, check or scaffold from OpenAPI descriptions."

    let subcommand: String
    let rest: [String]

    static let help = """
        USAGE: assay openapi <subcommand> [options]

        SUBCOMMANDS:
          diff OLD NEW      Breaking and non-breaking changes between two versions of a description.
          check SPEC        The document-level contract (servers, service version, shared headers,
                            error envelopes, every $ref resolves).
          scaffold SPEC     Write a starter suite: one case per operation.
          json SPEC         Print the description (YAML or JSON) as JSON.

        Run `assay openapi <subcommand> --help` for its options. Exit codes: 0 nothing breaks,
        1 a contract is broken, 2 bad input.
        """

    init(arguments: [String]) throws {
        guard let first = arguments.first else { throw UsageError("give a subcommand: diff, check, scaffold or json") }
        subcommand = first
        rest = Array(arguments.dropFirst())
    }

    /// The subcommands parse their own options, so the first argument is only read here.
    static func run(_ arguments: [String]) throws -> Int32 {
        try OpenAPICommand(arguments: arguments).execute()
    }

    func execute() throws -> Int32 {
        switch subcommand {
        case "-h", "--help", "help":
            print(Self.help)
            return ExitCode.success
        case "diff": return try OpenAPIDiffCommand(arguments: rest).execute()
        case "check": return try OpenAPICheckCommand(arguments: rest).execute()
        case "scaffold": return try OpenAPIScaffoldCommand(arguments: rest).execute()
        case "json": return try Self.printJSON(rest)
        default:
            let hint =
                Suggestion.nearest(to: subcommand, among: ["diff", "check", "scaffold", "json"])
                .map { " (did you mean `\($0)`?)" } ?? ""
            throw UsageError("unknown subcommand `openapi \(subcommand)`\(hint)")
        }
    }

    /// Reports a bad description like a bad suite: rendered with its location, exit 2.
    static func report(_ error: Diagnostic) -> Int32 {
        FileHandle.standardError.write(Data(DiagnosticRenderer.render(error).utf8))
        FileHandle.standardError.write(Data("\n".utf8))
        return ExitCode.usageOrSuite
    }

    /// Reads a description from a file, or fetches it when `source` is an http(s) URL (through
    /// libcurl, loaded only then). A fetched document's `$ref`s to other files are not followed.
    static func loadSpec(_ source: String) throws(Diagnostic) -> OpenAPISpec {
        guard source.hasPrefix("http://") || source.hasPrefix("https://") else { return try OpenAPISpec(path: source) }
        guard CurlGlobal.initialize(), let client = CurlClient() else {
            throw Diagnostic("cannot fetch \(source): \(CurlGlobal.problem ?? "libcurl could not start")")
        }
        let exchange = client.perform(HTTPRequest(url: source))
        guard let response = exchange.response, exchange.failure == nil else {
            throw Diagnostic("cannot fetch \(source): \(exchange.failure?.message ?? "no response")")
        }
        guard response.status == 200 else {
            throw Diagnostic("cannot fetch \(source): the server answered \(response.status) \(response.reason)")
        }
        let root: JSONNode
        if YAMLParser.looksLikeYAML(path: source, data: response.body) {
            root = try YAMLParser.parseNode(data: response.body, file: source)
        } else {
            root = try JSONParser.parseNode(data: response.body, file: source, allowComments: false)
        }
        return try OpenAPISpec(documents: OpenAPIDocumentSet(name: source, root: root))
    }

    private static func printJSON(_ arguments: [String]) throws -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(
                "USAGE: assay openapi json SPEC\n\nPrints the description as JSON ($refs kept), e.g. to convert YAML.")
            return ExitCode.success
        }
        guard arguments.count == 1, let path = arguments.first else { throw UsageError("give one SPEC file") }
        let documents: OpenAPIDocumentSet
        do throws(Diagnostic) {
            documents = try OpenAPIDocumentSet(path: path)
        } catch {
            return report(error)
        }
        print(JSONWriter.pretty(documents.root.value), terminator: "")
        return ExitCode.success
    }
}
