import AssayKit
import AssayTestSupport
import Foundation
import Testing

/// Sharding and merging end to end: the real `assay` binary runs a generated suite against
/// a real `assay-target`, once whole and once as three shards, and the shard reports merge
/// back into the whole run.
@Suite("Shards and merge, end to end")
struct ShardMergeTests {
    static let token = "sk-shard-\(UUID().uuidString.prefix(12).lowercased())"

    /// How many cases the generated suites hold in all (two suites, so merging must regroup them).
    static let caseCount = 40

    /// The three shard reports partition the full run, with sizes within one of each other,
    /// and merging them reproduces the full run's case set and verdict counts.
    @Test func shardsPartitionTheRunAndMergeBackIntoIt() throws {
        let directory = try Self.fixture()
        let target = try TargetProcess(arguments: [
            "--mode", "strict", "--token", Self.token, "--rate-limit", "100000", "--burst", "100000",
        ])
        defer { target.stop() }

        let full = try Self.run(["--json", "full.json"], target: target, in: directory)
        let fullReport = try Self.report("full.json", in: directory)
        #expect(full.exitCode == 1, "the suite holds deliberate failures: \(full.allOutput)")
        let fullNames = Self.caseKeys(fullReport)
        #expect(fullNames.count == Self.caseCount)
        #expect(fullReport.summary.failed > 0 && fullReport.summary.passed > 0 && fullReport.summary.skipped > 0)

        var shardNames: [[String]] = []
        for index in 1...3 {
            let outcome = try Self.run(
                ["--shard", "\(index)/3", "--json", "shard\(index).json"], target: target, in: directory)
            #expect([0, 1].contains(outcome.exitCode), "shard \(index)/3: \(outcome.allOutput)")
            let report = try Self.report("shard\(index).json", in: directory)
            #expect(report.shard == "\(index)/3")
            shardNames.append(Self.caseKeys(report))
        }

        // No case ran twice: within a shard or across shards.
        let all = shardNames.flatMap { $0 }
        #expect(all.count == Set(all).count, "a case appears in two shards or twice in one")
        // The union is the full run.
        #expect(Set(all) == Set(fullNames))
        // Balanced by count.
        let sizes = shardNames.map(\.count)
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "shard sizes \(sizes)")
        #expect(sizes.allSatisfy { $0 > 0 })

        let merge = try CLIRun.assay(
            ["merge", "shard1.json", "shard2.json", "shard3.json", "--json", "merged.json"], directory: directory.url)
        #expect(merge.exitCode == full.exitCode, "merge exits by the merged verdict: \(merge.allOutput)")
        let merged = try Self.report("merged.json", in: directory)
        #expect(Set(Self.caseKeys(merged)) == Set(fullNames))
        #expect(Self.caseKeys(merged).count == fullNames.count)
        #expect(merged.summary.passed == fullReport.summary.passed)
        #expect(merged.summary.failed == fullReport.summary.failed)
        #expect(merged.summary.skipped == fullReport.summary.skipped)
        #expect(merged.summary.total == fullReport.summary.total)
        // Each case keeps its own verdict through the round trip.
        #expect(Self.verdicts(merged) == Self.verdicts(fullReport))
    }

    /// Merging a report with itself means the shards overlap: refused with exit 2 and the case named.
    @Test func mergingAReportWithItselfIsRefused() throws {
        let directory = try Self.fixture()
        let target = try TargetProcess(arguments: [
            "--mode", "strict", "--token", Self.token, "--rate-limit", "100000", "--burst", "100000",
        ])
        defer { target.stop() }
        _ = try Self.run(["--shard", "1/3", "--json", "one.json"], target: target, in: directory)
        let outcome = try CLIRun.assay(
            ["merge", "one.json", "one.json", "--json", "merged.json"], directory: directory.url)
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("overlap"))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("merged.json").path))
    }

    // MARK: - Helpers

    /// Runs `assay run Suites` against `target` at `--parallel 4` with the token in the environment.
    static func run(_ extra: [String], target: TargetProcess, in directory: TemporaryDirectory) throws -> CLIOutcome {
        try CLIRun.assay(
            ["run", "Suites", "--target", target.baseURL, "--parallel", "4"] + extra,
            environment: ["SHARD_TOKEN": token], directory: directory.url)
    }

    static func report(_ name: String, in directory: TemporaryDirectory) throws -> RunResult {
        try JSONReport.read(Data(directory.read(name).utf8))
    }

    /// `suite/case` of every case in a report, in report order.
    static func caseKeys(_ report: RunResult) -> [String] {
        report.suites.flatMap { suite in suite.cases.map { "\($0.suite)/\($0.name)" } }
    }

    static func verdicts(_ report: RunResult) -> [String: String] {
        var verdicts: [String: String] = [:]
        for suite in report.suites {
            for testCase in suite.cases { verdicts["\(testCase.suite)/\(testCase.name)"] = "\(testCase.verdict)" }
        }
        return verdicts
    }

    /// Two generated suites of `caseCount` cases in all: most pass, every seventh fails on
    /// purpose (it expects a model the target does not have), every eleventh is skipped.
    static func fixture() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let half = caseCount / 2
        for (suiteIndex, range) in [(0, 0..<half), (1, half..<caseCount)] {
            var cases: [String] = []
            for number in range {
                let model = number % 2 == 0 ? "assay-small" : "assay-large"
                let skip = number % 11 == 10 ? #", "skip": "generated skip""# : ""
                let expect =
                    number % 7 == 6
                    ? #"{ "status": 200, "body": { "id": "no-such-model" }, "compare": "subset" }"#
                    : #"{ "status": 200, "headers": { "X-Trace-Id": "{{hex:32}}" }, "body": { "id": "\#(model)", "object": "model" }, "compare": "subset" }"#
                cases.append(
                    #"    { "name": "case \#(number)", "request": { "path": "/v1/models/\#(model)" }, "expect": \#(expect)\#(skip) }"#
                )
            }
            let suite = """
                {
                  "name": "shard-\(suiteIndex)",
                  "variables": { "token": "${env:SHARD_TOKEN}" },
                  "defaults": { "headers": { "Authorization": "Bearer ${token}" } },
                  "cases": [
                \(cases.joined(separator: ",\n"))
                  ]
                }
                """
            try directory.write(suite, to: "Suites/shard-\(suiteIndex).jsonc")
        }
        return directory
    }
}
