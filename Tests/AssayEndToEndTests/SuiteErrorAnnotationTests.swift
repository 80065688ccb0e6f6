import AssayTestSupport
import Foundation
import Testing

/// On GitHub Actions a suite or config error is an `::error` annotation at its line, as a failed
/// case is, so a pull request that breaks a suite is marked where to fix it; elsewhere nothing changes.
@Suite("Suite errors as GitHub annotations")
struct SuiteErrorAnnotationTests {
    /// `lint` and `run` annotate each suite error at its file, line and column; exit 2 still.
    @Test func suiteErrorsAreAnnotated() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(
            "{\"cases\": [\n  {\"name\": \"c\", \"request\": {\"path\": \"/\"}, \"expect\": {\"stauts\": 200}}\n]}\n",
            to: "Suites/b.jsonc")
        for command in [["lint"], ["run", "--target", "http://127.0.0.1:9"]] {
            let outcome = try CLIRun.assay(
                command + ["Suites/b.jsonc"], environment: ["GITHUB_ACTIONS": "true"], directory: directory.url)
            #expect(outcome.exitCode == 2)
            #expect(
                outcome.stdout.contains(
                    "::error file=Suites/b.jsonc,line=2,col=54,title=assay%3A error in this file::unknown key `stauts` in expect"
                ), "\(outcome.stdout)")
            #expect(outcome.stdout.contains("%0Ahint: did you mean `status`?"))
            let plain = try CLIRun.assay(command + ["Suites/b.jsonc"], directory: directory.url)
            #expect(!plain.allOutput.contains("::error"))
        }
    }

    /// A config file's error is annotated at its line too.
    @Test func configErrorsAreAnnotated() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(#"{"cases": []}"#, to: "s.jsonc")
        _ = try directory.write("{\n  \"mode\": \"lenient\"\n}\n", to: "assay.jsonc")
        let outcome = try CLIRun.assay(
            ["lint", "s.jsonc"], environment: ["GITHUB_ACTIONS": "true"], directory: directory.url)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stdout.contains("::error file=assay.jsonc,line=2,col=11,"), "\(outcome.stdout)")
    }
}
