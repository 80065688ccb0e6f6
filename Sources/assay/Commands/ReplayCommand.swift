import AssayKit
import Foundation

/// `assay replay REPORT.json CASE`: re-runs one case of an earlier run with that run's
/// target, mode and variables. Secrets are never in a report: they are read again from
/// `--secret`, from the environment variable of the same name, or from the config and suite.
struct ReplayCommand: OptionsCommand {
    static let name = "replay"
    static let summary = "Re-run one case of an earlier run from its JSON report."
    static let usage = "assay replay REPORT.json CASE [options]"
    static let about = """
        Re-runs one case (`suite/case`, or a case name found once) of the run that wrote
        REPORT.json, against its target, in its mode, with its variables. Run it from the
        folder the original run ran in: the suite is found through the case's file path.
        Secrets come from --secret NAME=VALUE, the environment variable NAME, or the config.
        """
    /// Options of `run` that make no sense for one case.
    static let excluded: Set<String> = [
        "--record", "--parallel", "--shard", "--tag", "--skip-tag", "--filter", "--keep-passing",
    ]
    static let sendsRequests = true
    static let options: [Arguments.Option] = RunCommand.options.filter { excluded.isDisjoint(with: $0.names) }

    let arguments: Arguments

    func execute() throws -> Int32 {
        guard arguments.positionals.count == 2 else { throw UsageError("expected REPORT.json and CASE") }
        let report = try MergeCommand.readReport(arguments.positionals[0])
        let testCase = try Self.find(arguments.positionals[1], in: report)
        let file = testCase.location.file
        guard FileManager.default.fileExists(atPath: file) else {
            throw UsageError(
                "suite file \(file) of \"\(testCase.suite)/\(testCase.name)\" not found; run replay where the original run ran"
            )
        }
        let environment = ProcessEnvironment.current()
        let selection = try SuiteSelection(arguments)
        let target = arguments.value("--target") ?? report.target
        let mode = try RunCommand.mode(arguments.value("--mode"), config: report.mode)
        var planner = Planner(target: target, environment: environment)
        planner.configVariables = selection.config.variables
        planner.commandLineVariables = Self.variables(
            report: report, given: selection.variables, environment: environment)
        planner.filter = CaseFilter(
            namePattern: "^\(CompiledRegex.escaped("\(testCase.suite)/\(testCase.name)"))$")
        let plan: RunPlan
        do throws(DiagnosticList) {
            plan = try planner.plan(try SuiteLoader.loadAll([file], splices: planner.splices))
        } catch {
            return RunCommand.report(error)
        }
        guard plan.caseCount == 1 else {
            throw UsageError("case \"\(testCase.suite)/\(testCase.name)\" is no longer in \(file)")
        }
        var context = RunContext(
            target: target, mode: mode, transport: try RunCommand.transportOptions(arguments),
            goldens: GoldenStore(root: URL(fileURLWithPath: selection.goldensRoot)), environment: environment)
        // One case, replayed to look at: keep everything it exchanged.
        context.keepsPassingDetails = true
        context.commandLine = try RunCommand.commandLineOverrides(arguments)
        let observers = try ReportOptions(arguments, environment: environment).observers(
            arguments, environment: environment)
        let result = Runner(plan: plan, context: context).run(observers: observers)
        return result.summary.exitCode
    }

    /// The case named `name`: `suite/case` exactly, else a case name found once.
    static func find(_ name: String, in report: RunResult) throws -> CaseResult {
        let cases = report.cases
        if let exact = cases.first(where: { "\($0.suite)/\($0.name)" == name }) { return exact }
        let named = cases.filter { $0.name == name }
        if named.count == 1 { return named[0] }
        if named.count > 1 {
            let choices = named.map { "\($0.suite)/\($0.name)" }.joined(separator: ", ")
            throw UsageError("case name \"\(name)\" is in several suites; give one of: \(choices)")
        }
        let all = cases.map { "\($0.suite)/\($0.name)" }
        let hint =
            Suggestion.nearest(to: name, among: all + cases.map(\.name)).map { " (did you mean \"\($0)\"?)" } ?? ""
        throw UsageError("no case \"\(name)\" in the report\(hint)")
    }

    /// The report's variables, then `--var`/`--secret` over them, then each secret the
    /// report names but no flag gave, from the environment variable of that name.
    static func variables(
        report: RunResult, given: [(name: String, value: String, secret: Bool)], environment: [String: String]
    ) -> [(name: String, value: String, secret: Bool)] {
        var variables = report.variables.filter { $0.key != "target" }.sorted { $0.key < $1.key }.map {
            (name: $0.key, value: $0.value, secret: false)
        }
        variables += given
        for name in report.secretNames where !given.contains(where: { $0.name == name }) {
            if let value = environment[name] { variables.append((name, value, true)) }
        }
        return variables
    }
}
