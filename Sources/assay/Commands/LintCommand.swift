import AssayKit
import Foundation

/// `assay lint [PATH…]`: checks suites, goldens and matchers without sending a request.
struct LintCommand {
    let arguments: Arguments

    init(arguments: [String]) throws {
        self.arguments = try Arguments(command: "lint", options: SuiteSelection.options, arguments: arguments)
    }

    func execute() throws -> Int32 {
        if arguments.flag("--help") {
            print(
                "USAGE: assay lint [PATH…] [options]\n\nChecks suites, goldens and matchers; sends no request.\n\nOPTIONS:\n\(Arguments.helpText(SuiteSelection.options))"
            )
            return ExitCode.success
        }
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
        print("\(plan.suites.count) suite(s), \(plan.caseCount) case(s): no problems")
        return ExitCode.success
    }
}
