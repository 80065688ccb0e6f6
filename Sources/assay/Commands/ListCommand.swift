import AssayKit
import Foundation

/// `assay list [PATH…]`: the suites, cases and tags a run would select; no network.
struct ListCommand: OptionsCommand {
    static let name = "list"
    static let summary = "List suites, cases and tags without sending a request."
    static let usage = "assay list [PATH…] [options]"
    static let about = "Lists the cases a run would select, with their tags; sends no request."
    static let options = SuiteSelection.options

    let arguments: Arguments

    func execute() throws -> Int32 {
        let selection = try SuiteSelection(arguments)
        // One file in memory at a time; the listing is printed only when every file loaded.
        let files: [String]
        do {
            files = try SuiteLoader.discover(selection.paths)
        } catch {
            return RunCommand.report(DiagnosticList([error]))
        }
        var listing = ""
        var problems: [Diagnostic] = []
        var total = 0
        var tags = Set<String>()
        let splices = JSONSplices(selection.config.variables)
        for file in files {
            let suite: Suite
            do {
                suite = try SuiteLoader.load(file: file, splices: splices)
            } catch {
                problems.append(error)
                continue
            }
            guard problems.isEmpty else { continue }
            let cases = suite.cases.filter { selection.filter.selects($0, in: suite) }
            guard !cases.isEmpty else { continue }
            listing += "\(suite.name)  \(suite.file)\n"
            for testCase in cases {
                let caseTags = testCase.tags + suite.tags
                tags.formUnion(caseTags)
                let tagText = caseTags.isEmpty ? "" : "  [\(caseTags.joined(separator: ", "))]"
                let marks = (testCase.exclusive ? "  (exclusive)" : "") + (testCase.skip != nil ? "  (skipped)" : "")
                listing += "  \(testCase.name)\(tagText)\(marks)\n"
                total += 1
            }
        }
        if !problems.isEmpty { return RunCommand.report(DiagnosticList(problems)) }
        print(listing, terminator: "")
        print("\(total) case(s); tags: \(tags.sorted().joined(separator: ", "))")
        return ExitCode.success
    }
}
