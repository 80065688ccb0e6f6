import AssayKit
import Foundation

/// `assay merge REPORT.json… --junit F --json F …`: merges the JSON reports of a sharded
/// run into one, then writes the requested artifacts as if it had been one run.
struct MergeCommand: OptionsCommand {
    static let name = "merge"
    static let summary = "Merge the JSON reports of sharded runs into one."
    static let usage = "assay merge REPORT.json… [--junit FILE] [--json FILE] [--out DIR] [options]"
    static let about = """
        Merges the JSON reports of `assay run --shard I/N` jobs into one report: suites merged
        by file, cases ordered by line, counts recomputed. A case found in two reports is an
        error (the shards overlap). Exits like `run` would have: 0, 1 or 3 by the merged verdict.
        """
    static let options = ReportOptions.options

    let arguments: Arguments

    func execute() throws -> Int32 {
        guard !arguments.positionals.isEmpty else { throw UsageError("give the JSON reports to merge (REPORT.json…)") }
        var shards: [RunResult] = []
        for path in arguments.positionals {
            shards.append(try Self.readReport(path))
        }
        let merged: RunResult
        do {
            merged = try ReportMerger.merge(shards)
        } catch {
            FileHandle.standardError.write(Data("assay: cannot merge: \(error.description)\n".utf8))
            return ExitCode.usageOrSuite
        }
        // Shards already annotated their own failures; annotating again would double them.
        let reports = try ReportOptions(arguments, environment: ProcessEnvironment.current(), annotations: false)
        reports.set.write(merged)
        print("merged \(shards.count) report(s): \(merged.summary.total) case(s) in \(merged.suites.count) suite(s)")
        let score = CompatibilityScore(merged, label: reports.set.context.scoreLabel)
        if score.applies { print(score.line) }
        print(merged.summary.line)
        return merged.summary.exitCode
    }

    /// Reads one JSON report, naming the file in any error.
    static func readReport(_ path: String) throws -> RunResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read report \(path)")
        }
        do {
            return try JSONReport.read(data)
        } catch {
            throw UsageError("\(path) is not an assay JSON report (\(error.localizedDescription))")
        }
    }
}
