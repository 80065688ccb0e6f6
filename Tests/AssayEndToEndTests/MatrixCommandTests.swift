import AssayKit
import AssayTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `assay matrix` on real reports: the shipped pack runs with the real `assay` binary against real
/// `assay-target`s (healthy, with a fault that breaks a clause, with one that leaves a clause
/// nothing to observe, and with a profile that does not claim a clause); the matrix of the three
/// reports must show each of those verdicts in the right cell, with the reason from the run.
@Suite("assay matrix, end to end")
struct MatrixCommandTests {
    /// A few clauses of the pack, enough for every verdict and quick to run.
    static let clauses = ["clause:trace", "clause:stream-chat", "clause:models", "clause:rate-limit"]

    /// Runs the selected clauses against a reference target with `fault`, using `profile`.
    static func report(
        fault: String?, profile: String, named name: String, in directory: TemporaryDirectory
    ) throws -> String {
        let target = try TargetProcess(arguments: PackRun.targetArguments(mode: "strict", fault: fault))
        defer { target.stop() }
        let path = directory.url.appendingPathComponent("\(name).json").path
        var arguments = ["run", "--config", profile, "--target", target.baseURL, "--json", path, "--no-color"]
        for clause in clauses { arguments += ["--tag", clause] }
        let outcome = try CLIRun.assay(arguments, environment: PackRun.environment, directory: PackRun.root)
        #expect([0, 1].contains(outcome.exitCode), "\(name): \(outcome.allOutput)")
        return path
    }

    /// The reference profile with the rate-limit clause no longer claimed: a profile that extends it
    /// (claims merge by name, paths stay the shipped profile's own).
    static func profileWithoutRateLimits(in directory: TemporaryDirectory) throws -> String {
        let shipped = PackRun.root.appendingPathComponent("Suites/openai-compat/profiles/reference-target.jsonc").path
        let text = """
            {
              "extends": "\(shipped)",
              "claims": { "rate-limit": "no limits on this one" }
            }
            """
        return try directory.write(text, to: "unlimited.jsonc")
    }

    @Test func theMatrixOfRealRunsShowsEachVerdictWithItsReason() throws {
        let directory = try TemporaryDirectory()
        let shipped = "Suites/openai-compat/profiles/reference-target.jsonc"
        let healthy = try Self.report(fault: nil, profile: shipped, named: "healthy", in: directory)
        let broken = try Self.report(fault: "no-trace-on-500", profile: shipped, named: "broken", in: directory)
        let quiet = try Self.report(
            fault: "immediate-first-token", profile: try Self.profileWithoutRateLimits(in: directory), named: "quiet",
            in: directory)

        let outcome = try CLIRun.assay(
            [
                "matrix", "healthy=\(healthy)", "no-trace-500=\(broken)", "quiet=\(quiet)", "--markdown", "m.md",
                "--html", "m.html",
            ], directory: directory.url)
        // Failures in the matrix are findings, not an error of the command.
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        #expect(outcome.stdout.contains("4 clause(s) × 3 target(s)"), "\(outcome.stdout)")

        let markdown = try directory.read("m.md")
        let rows = Self.rows(markdown)
        #expect(rows["trace"]?[0].hasPrefix("✅ passed (7 passed of 7)") == true, "\(rows)")
        #expect(rows["trace"]?[1].hasPrefix("❌ failed (1 failed, 6 passed of 7): trace/on a 500:") == true, "\(rows)")
        #expect(rows["trace"]?[1].contains("X-Trace-Id") == true, "the reason is the run's own check")
        #expect(rows["stream-chat"]?[0].hasPrefix("✅ passed") == true)
        #expect(
            rows["stream-chat"]?[2].hasPrefix("⚪ not exercised (1 not exercised, 3 passed of 4): streaming-chat/")
                == true,
            "\(rows)")
        #expect(rows["rate-limit"]?[1].hasPrefix("✅ passed (1 passed of 1)") == true)
        #expect(rows["rate-limit"]?[2].hasPrefix("➖ skipped (1 skipped of 1):") == true, "\(rows)")
        #expect(rows["rate-limit"]?[2].contains("no limits on this one") == true)
        #expect(rows["models"]?.allSatisfy { $0.hasPrefix("✅ passed") } == true)
        #expect(rows["**score**"] == ["**4/4 clauses**", "**3/4 clauses**", "**2/2 clauses, 1 not exercised**"])

        let html = try directory.read("m.html")
        #expect(html.contains("<td class=\"fail\">") && html.contains("<td class=\"nex\">"))
        #expect(html.contains("<td class=\"skip\">") && html.contains("<td class=\"pass\">"))
        #expect(Self.wellFormed(html))
        // Secrets of the runs stay out: the tokens were environment secrets.
        for secret in PackRun.environment.values {
            #expect(!html.contains(secret) && !markdown.contains(secret))
        }
    }

    @Test func badInputIsAUsageErrorThatNamesIt() throws {
        let directory = try TemporaryDirectory()
        let notAReport = try directory.write(#"{"hello": "world"}"#, to: "other.json")
        var outcome = try CLIRun.assay(["matrix", notAReport], directory: directory.url)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("other.json is not an assay JSON report"), "\(outcome.allOutput)")

        outcome = try CLIRun.assay(["matrix", "a=missing.json"], directory: directory.url)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("cannot read report missing.json"), "\(outcome.allOutput)")

        outcome = try CLIRun.assay(["matrix", "=x.json"], directory: directory.url)
        #expect(outcome.exitCode == 2 && outcome.stderr.contains("column name before `=` is empty"))

        outcome = try CLIRun.assay(["matrix"], directory: directory.url)
        #expect(outcome.exitCode == 2 && outcome.stderr.contains("give the JSON reports"))
    }

    @Test func twoColumnsWithOneNameAreRefused() throws {
        let directory = try TemporaryDirectory()
        // An empty run, as `assay run` writes it for a selection of no case.
        let report = """
            {"schemaVersion": 3, "tool": "assay 0.1.0", "target": "http://127.0.0.1:1", "mode": "strict",
             "startedAt": "2026-01-01T00:00:00Z", "durationMs": 1, "suites": [], "variables": {}, "secretNames": [],
             "interrupted": false, "summary": {"passed": 0, "failed": 0, "errors": 0, "skipped": 0}}
            """
        _ = try directory.write(report, to: "one.json")
        _ = try directory.write(report, to: "two.json")
        let outcome = try CLIRun.assay(["matrix", "one.json", "two.json"], directory: directory.url)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains(#"two reports are named "http://127.0.0.1:1""#), "\(outcome.allOutput)")
        let named = try CLIRun.assay(["matrix", "a=one.json", "b=two.json"], directory: directory.url)
        #expect(named.exitCode == 0, "\(named.allOutput)")
        #expect(named.stdout.contains("| clause | a | b |"))
    }

    /// The Markdown table's cells by clause (the score row under `**score**`).
    static func rows(_ markdown: String) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| clause") {
            let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            rows[cells[0]] = Array(cells.dropFirst())
        }
        return rows
    }

    static func wellFormed(_ html: String) -> Bool {
        XMLParser(data: Data(html.utf8)).parse()
    }
}
