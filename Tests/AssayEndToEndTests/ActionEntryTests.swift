import AssayTestSupport
import Foundation
import Testing

/// The GitHub Action's run step (scripts/action-entry.sh), run as the action runs it, with the
/// runner's GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files simulated in a temporary folder.
@Suite("GitHub Action entry script")
struct ActionEntryTests {
    /// What one run of the entry script left behind.
    struct Outcome {
        var run: CLIOutcome
        var outputs: [String: String]
        var summary: String
        var reports: [String]
    }

    /// Runs the entry script in the fixture folder with `inputs` (INPUT_* variables).
    static func run(_ fixture: EndToEndFixture, _ inputs: [String: String]) throws -> Outcome {
        let runner = try TemporaryDirectory()
        let outputFile = runner.url.appendingPathComponent("github_output")
        let summaryFile = runner.url.appendingPathComponent("step_summary")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: summaryFile.path, contents: nil)
        var environment = [
            "ASSAY_BIN": BuiltProducts.executable("assay").path, "E2E_TOKEN": EndToEndFixture.token,
            "GITHUB_OUTPUT": outputFile.path, "GITHUB_STEP_SUMMARY": summaryFile.path, "INPUT_OUTPUT": "reports",
        ]
        environment.merge(inputs) { $1 }
        let run = try ShippingScript.run(
            "action-entry.sh", [], environment: environment, directory: fixture.directory.url)
        var outputs: [String: String] = [:]
        for line in try String(contentsOf: outputFile, encoding: .utf8).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            outputs[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return Outcome(
            run: run, outputs: outputs, summary: try String(contentsOf: summaryFile, encoding: .utf8),
            reports: ShippingScript.files(under: fixture.directory.url.appendingPathComponent("reports")))
    }

    /// A passing run: exit 0, the counts as outputs, the health report in the step summary, every
    /// report and the console output in the reports folder, and the token nowhere.
    @Test func passingRunPublishesCountsSummaryAndReports() throws {
        let fixture = try EndToEndFixture()
        let target = try TargetProcess(arguments: ["--mode", "strict", "--token", EndToEndFixture.token])
        defer { target.stop() }
        let outcome = try Self.run(fixture, ["INPUT_TARGET": target.baseURL, "INPUT_SUITES": "Suites"])
        #expect(outcome.run.exitCode == 0, "\(outcome.run.allOutput)")
        #expect(outcome.outputs["passed"] == "2")
        #expect(outcome.outputs["failed"] == "0")
        #expect(outcome.outputs["skipped"] == "0")
        #expect(outcome.outputs["exit-code"] == "0")
        #expect(outcome.summary.contains("e2e"), "\(outcome.summary)")
        for report in ["badge.svg", "console.txt", "junit.xml", "report.html", "report.json", "report.md"] {
            #expect(outcome.reports.contains(report), "missing \(report)")
        }
        let console = try fixture.directory.read("reports/console.txt")
        #expect(console.hasSuffix("2 passed, 0 failed, 0 skipped\n"))
        #expect(!console.contains(EndToEndFixture.token) && !outcome.summary.contains(EndToEndFixture.token))
    }

    /// A contract failure (a permissive target in strict mode) is counted, and the step fails with exit 1.
    @Test func contractFailureIsCountedAndFailsTheStep() throws {
        let fixture = try EndToEndFixture()
        let target = try TargetProcess(arguments: ["--mode", "permissive", "--token", EndToEndFixture.token])
        defer { target.stop() }
        let outcome = try Self.run(fixture, ["INPUT_TARGET": target.baseURL, "INPUT_MODE": "strict"])
        #expect(outcome.run.exitCode == 1)
        #expect(outcome.outputs["passed"] == "1")
        #expect(outcome.outputs["failed"] == "1")
        #expect(outcome.outputs["exit-code"] == "1")
    }

    /// Tag inputs (comma separated) and extra args reach `assay run`: only the selected case runs.
    @Test func tagsAndArgsSelectCases() throws {
        let fixture = try EndToEndFixture()
        try fixture.directory.write(
            """
            {"name": "tagged", "cases": [
              {"name": "health", "tags": ["smoke"], "request": {"path": "/healthz"}, "expect": {"status": 200}},
              {"name": "slow one", "tags": ["slow"], "request": {"path": "/healthz"}, "expect": {"status": 200}},
              {"name": "other", "tags": ["smoke", "extra"], "request": {"path": "/healthz"}, "expect": {"status": 200}}
            ]}
            """, to: "Tagged/tagged.jsonc")
        let target = try TargetProcess(arguments: ["--mode", "strict", "--token", EndToEndFixture.token])
        defer { target.stop() }
        let outcome = try Self.run(
            fixture,
            [
                "INPUT_TARGET": target.baseURL, "INPUT_SUITES": "Tagged", "INPUT_TAGS": "smoke,slow",
                "INPUT_SKIP_TAGS": "extra", "INPUT_ARGS": "--parallel 1  -v",
            ])
        #expect(outcome.run.exitCode == 0, "\(outcome.run.allOutput)")
        #expect(outcome.outputs["passed"] == "2")
        // `-v` reached assay: passing cases show their exchanges.
        #expect(outcome.run.stdout.contains("> GET "), "\(outcome.run.stdout)")
        #expect(!outcome.run.stdout.contains("other"))
    }

    /// A broken suite runs nothing: exit 2, zero counts, and the reason in the step summary.
    @Test func suiteErrorIsExplainedInTheSummary() throws {
        let fixture = try EndToEndFixture()
        try fixture.directory.write(#"{"cases": [{"name": "x", "request": {"pathh": "/"}}]}"#, to: "Broken/b.jsonc")
        let outcome = try Self.run(fixture, ["INPUT_TARGET": "http://127.0.0.1:1", "INPUT_SUITES": "Broken"])
        #expect(outcome.run.exitCode == 2)
        #expect(outcome.outputs["passed"] == "0" && outcome.outputs["failed"] == "0")
        #expect(outcome.outputs["exit-code"] == "2")
        #expect(outcome.summary.contains("nothing was run (exit 2)"))
        #expect(outcome.summary.contains("Broken/b.jsonc:1:"))
    }

    /// action.yml hands every run input to the entry script under the name the script reads, and
    /// its run step is that script: what the tests above run is what the action runs.
    @Test func actionPassesEveryInputToTheEntryScript() throws {
        let action = try String(contentsOf: PackRun.root.appendingPathComponent("action.yml"), encoding: .utf8)
        let script = try String(contentsOf: ShippingScript.url("action-entry.sh"), encoding: .utf8)
        let lines = action.split(separator: "\n")
        let start = try #require(lines.firstIndex(of: "inputs:"))
        let end = try #require(lines.firstIndex(of: "outputs:"))
        let inputs = lines[start..<end].filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") && $0.hasSuffix(":") }
            .map { $0.trimmingCharacters(in: .whitespaces).dropLast() }
        #expect(inputs.count == 10, "\(inputs)")
        for input in inputs where input != "version" && input != "artifact-name" {
            let variable = "INPUT_" + input.uppercased().replacingOccurrences(of: "-", with: "_")
            #expect(action.contains("\(variable): ${{ inputs.\(input) }}"), "\(input) is not passed as \(variable)")
            #expect(script.contains(variable), "the entry script does not read \(variable)")
        }
        #expect(action.contains(#"run: '"$GITHUB_ACTION_PATH/scripts/action-entry.sh"'"#))
    }
}
