import AssayTestSupport
import Foundation
import Testing

/// A mistake in `assay.jsonc` (or a profile) is a file error: shown at its line with the source
/// and a caret, like a suite's, exit 2, nothing sent, and never silently ignored.
@Suite("Config mistakes, end to end")
struct ConfigMistakeTests {
    static let suite = #"""
        {"name": "s", "variables": {"pw": "hunter22-not-shown"},
         "cases": [{"name": "c", "request": {"path": "/", "headers": {"X-Pw": "${pw}"}}}]}
        """#

    /// A config `secrets` entry that names no variable of the config marked nothing secret, so the
    /// suite's value it was meant to hide was printed in the repro: now it is refused at its place.
    @Test func secretsNamingNoConfigVariableAreRefused() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(Self.suite, to: "s.jsonc")
        _ = try directory.write(
            #"{"variables": {"token": "abcd1234"}, "secrets": ["pw"]}"#, to: "assay.jsonc")
        for command in ["lint", "run"] {
            var arguments = [command, "s.jsonc"]
            if command == "run" { arguments += ["--target", "http://127.0.0.1:9"] }
            let outcome = try CLIRun.assay(arguments, directory: directory.url)
            #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
            #expect(outcome.stderr.contains("`secrets` names `pw`, which is not a variable of this config file"))
            #expect(outcome.stderr.contains("--> assay.jsonc:1:49"), "\(outcome.stderr)")
            #expect(!outcome.allOutput.contains("hunter22"))
        }
    }

    /// A config error is rendered as a file error (source line and caret), not as a command-line
    /// misuse with a pointer to `--help`.
    @Test func configErrorsShowTheirLine() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(Self.suite, to: "s.jsonc")
        _ = try directory.write("{\n  \"paralel\": 2\n}\n", to: "assay.jsonc")
        let outcome = try CLIRun.assay(["lint", "s.jsonc"], directory: directory.url)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("error: unknown key `paralel` in config"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("--> assay.jsonc:2:3"))
        #expect(outcome.stderr.contains("2 |   \"paralel\": 2"))
        #expect(outcome.stderr.contains("did you mean `parallel`?"))
        #expect(!outcome.stderr.contains("--help"))
    }

    /// A bad `target` in the config is named as the config's, not as a `--target` the user never gave.
    @Test func aBadConfigTargetNamesTheConfig() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(Self.suite, to: "s.jsonc")
        _ = try directory.write(#"{"target": "127.0.0.1:8080"}"#, to: "assay.jsonc")
        let outcome = try CLIRun.assay(["run", "s.jsonc"], directory: directory.url)
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.stderr.contains(
                #"`target` in assay.jsonc must be an http:// or https:// URL, got "127.0.0.1:8080""#),
            "\(outcome.stderr)")
    }
}
