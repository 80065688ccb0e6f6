import AssayTestSupport
import Foundation
import Testing

/// A 429 on a case that is not about rate limits, and the run's pace, against a loopback server
/// that rate limits its first requests.
@Suite("429 on ordinary cases and --pace, end to end")
struct RateLimitWaitTests {
    /// Answers 429 with `Retry-After: retryAfter` to its first `limited` requests, then 200.
    static func limitingServer(limited: Int, retryAfter: String) throws -> LoopbackServer {
        let seen = RequestCounter()
        return try LoopbackServer(scripts: [
            [
                .serve { _ in
                    seen.next() <= limited
                        ? LoopbackServer.response(
                            status: 429, reason: "Too Many Requests", headers: [("Retry-After", retryAfter)],
                            body: #"{"error":"slow down"}"#)
                        : LoopbackServer.response(body: #"{"ok":true}"#)
                }
            ]
        ])
    }

    static func suite(in directory: TemporaryDirectory, tags: String = "[]") throws {
        try directory.write(
            """
            { "cases": [ { "name": "models", "tags": \(tags), "request": { "path": "/v1/models" },
                "expect": { "status": 200 } } ] }
            """, to: "Suites/s.jsonc")
    }

    @Test func a429IsWaitedOutAndTheCasePasses() throws {
        let server = try Self.limitingServer(limited: 2, retryAfter: "0")
        let directory = try TemporaryDirectory()
        try Self.suite(in: directory)
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--rate-limit-wait", "5s", "--no-color"],
            directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(run.stdout.contains("after waiting out 2 429s"), "\(run.stdout)")
        #expect(server.requests.count == 3)
    }

    /// Past the wait budget the case is not executed (rate limited): exit 3, not a contract failure.
    @Test func a429PastTheBudgetIsNotExecutedNotFailed() throws {
        let server = try Self.limitingServer(limited: 100, retryAfter: "120")
        let directory = try TemporaryDirectory()
        try Self.suite(in: directory)
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--pace", "100/s", "--no-color"], directory: directory.url)
        #expect(run.exitCode == 3, "\(run.allOutput)")
        #expect(run.allOutput.contains("not executed (rate limited)"), "\(run.allOutput)")
        #expect(!run.allOutput.contains("status: expected 200"), "\(run.allOutput)")
        #expect(server.requests.count == 1)
    }

    /// A case about rate limits keeps its 429: it is the contract under test.
    @Test func aRateLimitTaggedCaseIsJudgedOnItsOwn429() throws {
        let server = try Self.limitingServer(limited: 100, retryAfter: "0")
        let directory = try TemporaryDirectory()
        try Self.suite(in: directory, tags: #"["rate-limit"]"#)
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--rate-limit-wait", "5s"], directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(server.requests.count == 1)
    }

    /// A paced run sends every case (on the workers) and passes; the spacing itself is checked
    /// with a scripted clock (`StepAttemptsTimingTests`).
    @Test func aPacedRunSendsEveryCase() throws {
        let server = try LoopbackServer(scripts: [[.serve { _ in LoopbackServer.response(body: "{}") }]])
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "a", "request": { "path": "/a" } }, { "name": "b", "request": { "path": "/b" } },
                         { "name": "c", "request": { "path": "/c" } } ] }
            """, to: "Suites/s.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--pace", "1000/s", "-j", "3"], directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(Set(server.requests.map(\.target)) == ["/a", "/b", "/c"])
    }

    @Test(arguments: [
        (["--pace", "fast"], "--pace expects requests per unit such as 3/min"),
        (["--pace", "0/s"], "--pace expects"),
        (["--rate-limit-wait", "0"], "--rate-limit-wait must be more than 0"),
    ])
    func badOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let directory = try TemporaryDirectory()
        try Self.suite(in: directory)
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", "http://127.0.0.1:1"] + arguments, directory: directory.url)
        #expect(run.exitCode == 2, "\(run.allOutput)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func aBadPaceInTheConfigIsAPositionedError() throws {
        let directory = try TemporaryDirectory()
        try Self.suite(in: directory)
        try directory.write(#"{"target": "http://127.0.0.1:1",\#n "pace": "3 per minute"}"#, to: "assay.jsonc")
        let lint = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(lint.exitCode == 2, "\(lint.allOutput)")
        #expect(lint.allOutput.contains("assay.jsonc:2:"), "\(lint.allOutput)")
        #expect(lint.allOutput.contains("expected `pace` to be requests per unit"), "\(lint.allOutput)")
    }
}
