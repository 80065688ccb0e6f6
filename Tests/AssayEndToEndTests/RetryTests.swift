import AssayTestSupport
import Foundation
import Testing

/// `retry` on a case and a step, `--retry` for the run, and every attempt in the reports,
/// against a loopback server that is not ready for its first requests.
@Suite("Retry, end to end")
struct RetryTests {
    /// Answers 503 to its first `unready` requests, then 200 `{"ready": true}`.
    static func warmingServer(unready: Int) throws -> LoopbackServer {
        let seen = RequestCounter()
        return try LoopbackServer(scripts: [
            [
                .serve { _ in
                    seen.next() <= unready
                        ? LoopbackServer.response(status: 503, reason: "Service Unavailable", body: #"{"ready":false}"#)
                        : LoopbackServer.response(body: #"{"ready":true}"#)
                }
            ]
        ])
    }

    @Test func aCaseRetriesUntilTheTargetIsReadyAndEveryAttemptIsReported() throws {
        let server = try Self.warmingServer(unready: 2)
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "ready", "retry": { "count": 4, "interval": "10ms" },
                "request": { "path": "/health" }, "expect": { "status": 200, "body": { "ready": true } } } ] }
            """, to: "Suites/r.jsonc")
        let run = try CLIRun.assay(
            [
                "run", "Suites", "--target", server.baseURL, "--json", "out.json", "--junit", "out.xml", "--markdown",
                "out.md", "--html", "out.html", "--tap", "out.tap", "--no-color",
            ],
            directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(run.stdout.contains("passed on attempt 3 of 5"), "\(run.stdout)")
        #expect(server.requests.count == 3)
        let json = try String(contentsOf: directory.url.appendingPathComponent("out.json"), encoding: .utf8)
        #expect(json.contains(#""attempts""#) && json.contains("status: expected 200, got 503"), "\(json)")
        let junit = try String(contentsOf: directory.url.appendingPathComponent("out.xml"), encoding: .utf8)
        #expect(junit.contains(#"<property name="attempts" value="passed on attempt 3 of 5"/>"#), "\(junit)")
        let markdown = try String(contentsOf: directory.url.appendingPathComponent("out.md"), encoding: .utf8)
        #expect(markdown.contains("| r / ready | passed on attempt 3 of 5 |"), "\(markdown)")
        let html = try String(contentsOf: directory.url.appendingPathComponent("out.html"), encoding: .utf8)
        #expect(html.contains("passed on attempt 3 of 5"), "the HTML report has no attempts line")
        let tap = try String(contentsOf: directory.url.appendingPathComponent("out.tap"), encoding: .utf8)
        #expect(tap.contains("ok 1 - r / ready\n# r / ready: passed on attempt 3 of 5"), "\(tap)")
    }

    /// `retry` in `assay.jsonc` is the run's default; `--retry 0` on the command line beats it.
    @Test func theConfigRetryAppliesAndTheCommandLineBeatsIt() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "ready", "request": { "path": "/health" }, "expect": { "status": 200 } } ] }
            """, to: "Suites/r.jsonc")
        try directory.write(#"{ "retry": { "count": 3, "interval": "5ms" } }"#, to: "assay.jsonc")
        let retried = try Self.warmingServer(unready: 2)
        let run = try CLIRun.assay(["run", "Suites", "--target", retried.baseURL], directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(retried.requests.count == 3)
        let once = try Self.warmingServer(unready: 2)
        let overridden = try CLIRun.assay(
            ["run", "Suites", "--target", once.baseURL, "--retry", "0"], directory: directory.url)
        #expect(overridden.exitCode == 1, "\(overridden.allOutput)")
        #expect(once.requests.count == 1)
    }

    /// The same target without retries fails: the retry is what made the case pass.
    @Test func withoutRetryTheSameCaseFails() throws {
        let server = try Self.warmingServer(unready: 2)
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "ready", "request": { "path": "/health" }, "expect": { "status": 200 } } ] }
            """, to: "Suites/r.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(server.requests.count == 1)
    }

    /// `--retry` applies to every plain step; a step's `until` decides when to stop; captures come
    /// from the attempt that ended the step.
    @Test func runLevelRetryAndUntil() throws {
        let server = try Self.warmingServer(unready: 3)
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "flow", "steps": [
                { "name": "wait", "retry": { "count": 5, "interval": "5ms", "until": { "status": 200 } },
                  "request": { "path": "/a" }, "capture": { "ready": "/ready" } },
                { "name": "use", "request": { "path": "/b?ready=${ready}" }, "expect": { "status": 200 } } ] } ] }
            """, to: "Suites/r.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--retry", "1", "--retry-interval", "5ms"],
            directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(server.requests.map(\.target) == ["/a", "/a", "/a", "/a", "/b?ready=true"])
    }

    /// A step that retries `until` something holds fails when its retries run out first, even
    /// where its own `expect` holds: a job polled until "done" that stays "running" is not a pass.
    /// When the `until` holds, the step passes on that attempt.
    @Test func aStepWhoseUntilNeverHeldFails() throws {
        let server = try LoopbackServer(scripts: [
            [.serve { _ in LoopbackServer.response(body: #"{"state":"running"}"#) }]
        ])
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "job", "retry": { "count": 2, "interval": "5ms",
                  "until": { "asserts": [ { "jsonpath": "$.state", "==": "${wanted}" } ] } },
                "request": { "path": "/job" }, "expect": { "status": 200 } } ] }
            """, to: "Suites/r.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--var", "wanted=done", "--no-color"],
            directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(run.stdout.contains("failed on all 3 attempts"), "\(run.stdout)")
        #expect(
            run.stdout.contains(#"retry.until did not hold: jsonpath $.state: expected == "done", found "running""#),
            "\(run.stdout)")
        #expect(server.requests.count == 3)

        let held = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--var", "wanted=running", "--no-color"],
            directory: directory.url)
        #expect(held.exitCode == 0, "\(held.allOutput)")
        #expect(server.requests.count == 4)
    }

    /// Retries are bounded: a target that never gets ready fails on the last allowed attempt.
    @Test func aTargetThatNeverGetsReadyFailsOnTheLastAttempt() throws {
        let server = try Self.warmingServer(unready: 100)
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "ready", "request": { "path": "/health" }, "expect": { "status": 200 } } ] }
            """, to: "Suites/r.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--retry", "2", "--retry-interval", "5ms", "--no-color"],
            directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(run.stdout.contains("failed on all 3 attempts"), "\(run.stdout)")
        #expect(server.requests.count == 3)
    }

    @Test(arguments: [
        (#""retry": {"interval": "1s"}"#, "`retry` needs a `count`"),
        (#""retry": {"count": 101}"#, "expected `count` to be"),
        (#""retry": {"count": 2, "every": "1s"}"#, "every"),
        (#""retry": "often""#, "expected `retry` to be a number of retries"),
        (#""retry": {"count": 2, "within": 0}"#, "expected `retry.within` to be more than 0"),
        (#""retry": {"count": 2, "until": {}}"#, "`retry.until` expects nothing"),
    ])
    func badRetryIsAPositionedSuiteError(retry: String, message: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "c",
                \(retry), "request": { "path": "/" } } ] }
            """, to: "Suites/bad.jsonc")
        let lint = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(lint.exitCode == 2, "\(lint.allOutput)")
        #expect(lint.allOutput.contains("bad.jsonc:2:"), "\(lint.allOutput)")
        #expect(lint.allOutput.contains(message), "\(lint.allOutput)")
    }

    @Test func retryIntervalWithoutRetryIsAUsageError() throws {
        let directory = try TemporaryDirectory()
        try directory.write(#"{"cases": [{"name": "c", "request": {"path": "/"}}]}"#, to: "Suites/c.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", "http://127.0.0.1:1", "--retry-interval", "2"], directory: directory.url)
        #expect(run.exitCode == 2, "\(run.allOutput)")
        #expect(run.stderr.contains("--retry-interval needs --retry N"), "\(run.stderr)")
    }
}

/// Counts the requests a server saw, from any connection thread.
final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// The count including this call.
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
