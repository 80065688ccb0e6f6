import AssayKit
import Foundation

/// `assay lint [PATH…]`: checks suites, goldens and matchers without sending a request.
struct LintCommand: Command {
    static let name = "lint"
    static let summary = "Check suites, goldens and matchers without sending a request."
    static let usage = "assay lint [PATH…] [options]"
    static let about = "Checks suites, goldens and matchers; sends no request."
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
        print("\(plan.suites.count) suite(s), \(plan.caseCount) case(s): no problems")
        return ExitCode.success
    }
}
