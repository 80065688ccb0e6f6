import AssayKit
import Foundation

/// `assay list [PATH…]`: the suites, cases and tags a run would select; no network.
struct ListCommand {
    let arguments: Arguments

    init(arguments: [String]) throws {
        self.arguments = try Arguments(command: "list", options: SuiteSelection.options, arguments: arguments)
    }

    func execute() throws -> Int32 {
        if arguments.flag("--help") {
            print(
                "USAGE: assay list [PATH…] [options]\n\nLists the cases a run would select, with their tags; sends no request.\n\nOPTIONS:\n\(Arguments.helpText(SuiteSelection.options))"
            )
            return ExitCode.success
        }
        let selection = try SuiteSelection(arguments)
        let suites: [Suite]
        do throws(DiagnosticList) {
            suites = try SuiteLoader.loadAll(selection.paths)
        } catch {
            return RunCommand.report(error)
        }
        var total = 0
        var tags = Set<String>()
        for suite in suites {
            let cases = suite.cases.filter { selection.filter.selects($0, in: suite) }
            guard !cases.isEmpty else { continue }
            print("\(suite.name)  \(suite.file)")
            for testCase in cases {
                let caseTags = testCase.tags + suite.tags
                tags.formUnion(caseTags)
                let tagText = caseTags.isEmpty ? "" : "  [\(caseTags.joined(separator: ", "))]"
                let marks = (testCase.exclusive ? "  (exclusive)" : "") + (testCase.skip != nil ? "  (skipped)" : "")
                print("  \(testCase.name)\(tagText)\(marks)")
                total += 1
            }
        }
        print("\(total) case(s); tags: \(tags.sorted().joined(separator: ", "))")
        return ExitCode.success
    }
}
