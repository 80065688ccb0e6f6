import AssayKit
import Foundation

/// `assay lint [PATH…]`: checks suites, goldens and matchers without sending a request.
struct LintCommand: OptionsCommand {
    static let name = "lint"
    static let summary = "Check suites, goldens and matchers without sending a request."
    static let usage = "assay lint [PATH…] [options]"
    static let about = "Checks suites, goldens and matchers, and the config's `openapi` description; sends no request."
    static let options = SuiteSelection.options

    let arguments: Arguments

    func execute() throws -> Int32 {
        let selection = try SuiteSelection(arguments)
        var linter = SuiteLinter(goldens: GoldenStore(root: URL(fileURLWithPath: selection.goldensRoot)))
        let plan: RunPlan
        do throws(DiagnosticList) {
            // File by file, keeping no case: lint needs nothing of a suite once it is checked.
            plan = try selection.plan(
                target: selection.config.target ?? "http://127.0.0.1", offline: true, retainedCaseBudget: 0,
                linter: &linter)
        } catch {
            return RunCommand.report(error)
        }
        // The config's description, refused as `run` would refuse it; one fetched by URL is left to
        // `run`, as lint sends no request.
        var notes: [String] = []
        if let setting = selection.config.openAPI {
            if OpenAPICommand.isURL(setting.source) {
                notes.append(
                    "the config's `openapi` description \(setting.source) is fetched by `run`, not checked here")
            } else {
                do throws(Diagnostic) {
                    let mode = selection.config.mode ?? .strict
                    _ = try OpenAPICommand.exchangeCheck(setting, mode: mode, target: selection.config.target ?? "")
                } catch {
                    return OpenAPICommand.report(error)
                }
            }
        }
        // Warnings do not fail lint: the suite is valid, only probably not what was meant. Lint needs
        // no secrets, but says which unset environment variables `run` would refuse to start without.
        let missing = plan.missingEnvironment.map { problem in
            var warning = problem
            warning.message = "`run` would refuse this selection: " + problem.message
            return warning
        }
        for warning in linter.warnings + missing {
            let place = warning.location.map { "\($0): " } ?? ""
            let line = TextEscaping.terminal(place + "warning: " + warning.message) + "\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        for note in notes { FileHandle.standardError.write(Data(TextEscaping.terminal("note: " + note + "\n").utf8)) }
        print("\(plan.suites.count) suite(s), \(plan.caseCount) case(s): no problems")
        return ExitCode.success
    }
}
