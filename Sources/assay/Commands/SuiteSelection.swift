import AssayKit
import Foundation

/// The options `run`, `list` and `lint` share: which suites, which cases, which variables.
struct SuiteSelection {
    static let options: [Arguments.Option] = [
        .init(
            names: ["--config"], kind: .value(placeholder: "FILE"),
            help: "Config file (default: ./assay.jsonc when present)."),
        .init(names: ["--var"], kind: .value(placeholder: "NAME=VALUE"), help: "Set a variable.", repeatable: true),
        .init(
            names: ["--secret"], kind: .value(placeholder: "NAME=VALUE"),
            help: "Set a secret variable (redacted everywhere).",
            repeatable: true),
        .init(names: ["--tag"], kind: .value(placeholder: "TAG"), help: "Only cases with this tag.", repeatable: true),
        .init(
            names: ["--skip-tag"], kind: .value(placeholder: "TAG"), help: "Leave out cases with this tag.",
            repeatable: true),
        .init(
            names: ["--filter"], kind: .value(placeholder: "REGEX"), help: "Only cases whose `suite/case` name matches."
        ),
        .init(
            names: ["--glob"], kind: .value(placeholder: "PATTERN"),
            help: "Also run the suite files matching PATTERN (`*`, `?`, `[…]`, `**`; quote it).", repeatable: true),
        .init(names: ["--goldens"], kind: .value(placeholder: "DIR"), help: "Goldens root (default: Goldens)."),
    ]

    let config: ConfigFile
    let paths: [String]
    let filter: CaseFilter
    let goldensRoot: String
    let variables: [(name: String, value: String, secret: Bool)]

    init(_ arguments: Arguments) throws {
        config = try ConfigFile.load(path: arguments.value("--config"))
        var chosen = arguments.positionals
        for pattern in arguments.all("--glob") {
            let matched = SuiteGlob.expand(pattern)
            if matched.isEmpty { throw UsageError("--glob \"\(pattern)\" matches no suite file (.jsonc, .json)") }
            chosen += matched
        }
        paths = chosen.isEmpty ? (config.suites.isEmpty ? ["Suites"] : config.suites) : chosen
        if let pattern = arguments.value("--filter") {
            do {
                _ = try CompiledRegex(pattern)
            } catch {
                throw UsageError("--filter: invalid regular expression \"\(pattern)\"")
            }
        }
        filter = CaseFilter(
            tags: arguments.all("--tag"), skipTags: arguments.all("--skip-tag"),
            namePattern: arguments.value("--filter"))
        goldensRoot = arguments.value("--goldens") ?? config.goldens ?? "Goldens"
        var variables: [(name: String, value: String, secret: Bool)] = []
        for (option, secret) in [("--var", false), ("--secret", true)] {
            for assignment in arguments.all(option) {
                guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                    throw UsageError("\(option) expects NAME=VALUE, got \"\(secret ? Redactor.mask : assignment)\"")
                }
                let name = String(assignment[..<equals])
                let value = String(assignment[assignment.index(after: equals)...])
                // A secret this short would be masked inside ordinary words, or shown: neither is safe.
                if secret, !value.isEmpty, value.utf8.count < Redactor.minimumLength {
                    throw UsageError(
                        "--secret \(name): the value is \(value.utf8.count) byte(s) long; secrets must be at least \(Redactor.minimumLength) bytes so they can be masked without masking parts of ordinary words"
                    )
                }
                variables.append((name, value, secret))
            }
        }
        self.variables = variables
    }

    /// Loads, plans and lints the suites file by file (see `Planner.plan(files:check:)`); suite
    /// errors are printed and become exit code 2. `retainedCaseBudget` 0 keeps no case in memory.
    func plan(
        target: String, shard: Shard? = nil, offline: Bool = false, retainedCaseBudget: Int? = nil,
        environment: [String: String] = ProcessEnvironment.current(), linter: inout SuiteLinter
    ) throws(DiagnosticList) -> RunPlan {
        let files: [String]
        do {
            files = try SuiteLoader.discover(paths)
        } catch {
            throw DiagnosticList([error])
        }
        var planner = Planner(target: target, environment: environment)
        planner.configVariables = config.variables
        planner.claims = config.claims
        planner.commandLineVariables = variables
        planner.filter = filter
        planner.shard = shard
        planner.requiresEnvironment = !offline
        if let retainedCaseBudget { planner.retainedCaseBudget = retainedCaseBudget }
        return try planner.plan(files: files) { linter.lint($0) }
    }
}
