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
        let plan: RunPlan
        do throws(DiagnosticList) {
            plan = try selection.plan(target: selection.config.target ?? "http://127.0.0.1", offline: true)
        } catch {
            return RunCommand.report(error)
        }
        let problems = SuiteLinter.lint(plan, goldens: GoldenStore(root: URL(fileURLWithPath: selection.goldensRoot)))
        if !problems.isEmpty { return RunCommand.report(DiagnosticList(problems)) }
        print("\(plan.suites.count) suite(s), \(plan.caseCount) case(s): no problems")
        return ExitCode.success
    }
}
