import AssayTestSupport
import Foundation
import Testing

/// Durations on the command line read as curl reads them (a bare number is seconds), and the
/// command line beats a suite's `defaults`, which beat the built-in defaults.
@Suite("Durations and their precedence, end to end")
struct DurationPrecedenceTests {
    /// A server that answers each request one second late: long past the suite's 200 ms, well
    /// inside the command line's 30 s.
    private static func lateServer() throws -> LoopbackServer {
        try LoopbackServer(script: [
            .readRequest, .sleep(milliseconds: 1000), .write(LoopbackServer.response(body: "{}")),
        ])
    }

    private static let suite = """
        { "name": "late", "defaults": { "timeouts": { "total": "200ms" } },
          "cases": [ { "name": "slow", "request": { "path": "/slow" }, "expect": { "status": 200 } } ] }
        """

    @Test func suiteDefaultsBeatTheBuiltInTimeout() throws {
        let server = try Self.lateServer()
        let directory = try TemporaryDirectory()
        try directory.write(Self.suite, to: "Suites/late.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        #expect(run.exitCode == 3, "\(run.allOutput)")
        #expect(run.allOutput.contains("timed out"), "\(run.allOutput)")
    }

    @Test func theCommandLineBeatsSuiteDefaultsAndABareNumberIsSeconds() throws {
        let server = try Self.lateServer()
        let directory = try TemporaryDirectory()
        try directory.write(Self.suite, to: "Suites/late.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--timeout", "30"], directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
    }

    @Test(arguments: ["--timeout", "--connect-timeout"])
    func aZeroTimeoutIsRefused(option: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write(Self.suite, to: "Suites/late.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", "http://127.0.0.1:1", option, "0"], directory: directory.url)
        #expect(run.exitCode == 2, "\(run.allOutput)")
        #expect(run.stderr.contains("\(option) must be more than 0"), "\(run.stderr)")
    }

    @Test func aZeroTimeoutInASuiteIsAPositionedLintError() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "c",
                "request": { "path": "/", "timeouts": { "total": 0 } } } ] }
            """, to: "Suites/zero.jsonc")
        let lint = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(lint.exitCode == 2, "\(lint.allOutput)")
        #expect(lint.allOutput.contains("zero.jsonc:2:"), "\(lint.allOutput)")
        #expect(lint.allOutput.contains("`timeouts.total` to be more than 0"), "\(lint.allOutput)")
    }
}
