import AssayTestSupport
import Foundation
import Testing

/// Hostile suites and options, run through the real CLI: each is a usage or suite error (exit 2)
/// that names the limit it hit, never a trap, and nothing is sent.
@Suite("Hostile suites and options, end to end")
struct HostileSuiteTests {
    @Test(arguments: [
        ["--timeout", "1e18s"], ["--connect-timeout", "1e300s"], ["--timeout", "9223372036854775807ms"],
    ])
    func outOfRangeDurationOptionsAreUsageErrors(option: [String]) throws {
        let directory = try TemporaryDirectory()
        try directory.write(#"{"cases": [{"name": "c", "request": {"path": "/"}}]}"#, to: "Suites/s.jsonc")
        let outcome = try CLIRun.assay(
            ["run", "Suites", "--target", "http://127.0.0.1:1"] + option, directory: directory.url)
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("\(option[0]) must be at most 24 hours (86400000 ms)"), "\(outcome.stderr)")
    }

    @Test func outOfRangeSuiteDurationsArePositionedErrors() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            {"cases": [
              {"name": "a", "request": {"path": "/"}, "expect": {"maxDuration": "9223372036854775807ms"}},
              {"name": "b", "request": {"path": "/"}, "expect": {"stream": {"deadline": "1e308s"}}}
            ]}
            """, to: "Suites/s.jsonc")
        let outcome = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("Suites/s.jsonc:2:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("at most 24 hours"), "\(outcome.stderr)")
    }

    /// Forty doubling variables and three thousand chained undefined ones: lint reports them, with
    /// the expansion limit named, in bounded work (the test's generous timeout only guards a hang).
    @Test func doublingAndChainedVariablesLintQuickly() throws {
        let directory = try TemporaryDirectory()
        let doubling = (1..<40).map { #""a\#($0)": "${a\#($0 - 1)}${a\#($0 - 1)}""# }
        try directory.write(
            #"{"variables": {"a0": "xx", \#(doubling.joined(separator: ",\n"))}, "cases": [{"name": "c", "request": {"path": "/${a39}"}}]}"#,
            to: "Doubling/d.jsonc")
        let chain = (0..<3_000).map { #""v\#($0)": "${v\#($0 + 1)}""# }
        try directory.write(
            #"{"variables": {\#(chain.joined(separator: ",\n"))}, "cases": [{"name": "c", "request": {"path": "/${v0}"}}]}"#,
            to: "Chain/c.jsonc")
        let doubled = try CLIRun.assay(["lint", "Doubling"], directory: directory.url, timeout: 60)
        #expect(doubled.exitCode == 2)
        #expect(
            doubled.stderr.contains("variables expand to more than 4194304 bytes"), "\(doubled.stderr.prefix(2000))")
        #expect(doubled.stderr.utf8.count < 10_000)
        let chained = try CLIRun.assay(["lint", "Chain"], directory: directory.url, timeout: 60)
        #expect(chained.exitCode == 2)
        #expect(chained.stderr.contains("3000 suite error(s)"), "\(chained.stderr.suffix(500))")
    }
}
