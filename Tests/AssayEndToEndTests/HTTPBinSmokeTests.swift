import AssayTestSupport
import Foundation
import Testing

/// The done-when suite of the CI smoke gate: `Tests/Fixtures/smoke/httpbin.jsonc`, written from
/// the suite format's docs alone, run against httpbin installed from PyPI (`HTTPBinService`).
///
/// The deploy is not ready when the run starts: a placeholder on the port answers the first
/// request with a 503 (as a load balancer does during a deploy), then gives the port to httpbin,
/// which takes a moment to boot. The suite's first case retries until httpbin answers.
@Suite("httpbin smoke suite, end to end", .serialized)
struct HTTPBinSmokeTests {
    static let root = PackRun.root
    static let suite = root.appendingPathComponent("Tests/Fixtures/smoke/httpbin.jsonc").path

    /// Runs `assay run` with the suite while the deploy comes up, and returns its outcome and httpbin.
    static func runWhileDeploying(_ extra: [String] = []) throws -> (CLIOutcome, HTTPBinService) {
        try HTTPBinService.prepare(root: root)
        let placeholder = try LoopbackServer(scripts: [
            [
                .readRequest,
                .write(
                    LoopbackServer.response(
                        status: 503, reason: "Service Unavailable", headers: [("Connection", "close")],
                        body: "deploying")),
                .close,
            ]
        ])
        let port = placeholder.port
        let directory = try TemporaryDirectory()
        let outcome = OutcomeBox()
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            outcome.value = Result {
                try CLIRun.assay(
                    ["run", suite, "--target", "http://127.0.0.1:\(port)", "--no-color", "--json", "out.json"]
                        + extra, environment: ["HTTPBIN_PASSWORD": "s3cret-pw-4711"], directory: directory.url,
                    timeout: 180)
            }
            finished.signal()
        }
        // The readiness signal: the run's first attempt reached the placeholder.
        let deadline = Date().addingTimeInterval(60)
        while placeholder.requests.isEmpty && Date() < deadline { usleep(5_000) }
        #expect(!placeholder.requests.isEmpty, "the run never reached the placeholder")
        placeholder.stop()
        let httpbin = try HTTPBinService(root: root, port: port)
        finished.wait()
        var run = try #require(try outcome.value?.get())
        if let report = try? String(contentsOf: directory.url.appendingPathComponent("out.json"), encoding: .utf8) {
            run.stdout += "\n" + report
        }
        return (run, httpbin)
    }

    @Test func theSmokeSuitePassesAgainstARealHTTPBin() throws {
        let (run, httpbin) = try Self.runWhileDeploying()
        defer { httpbin.stop() }
        #expect(run.exitCode == 0, "\(run.allOutput)\n\(httpbin.log)")
        #expect(run.stdout.contains("11 passed, 0 failed"), "\(run.stdout)")
        // The first case waited: a 503 from the placeholder, then as many attempts as httpbin needed.
        #expect(run.stdout.contains("✓ httpbin smoke / httpbin is up"), "\(run.stdout)")
        #expect(run.stdout.contains("status: expected 200, got 503"), "no attempt recorded the 503: \(run.stdout)")
        #expect(!run.allOutput.contains("s3cret-pw-4711"), "the password leaked")
    }

    /// The redirect limit is real: one hop more than `max` and the case cannot complete.
    @Test func oneRedirectTooManyIsRefused() throws {
        let (run, httpbin) = try Self.runWhileDeploying(["--var", "hops=4", "--filter", "is up|redirect limit"])
        defer { httpbin.stop() }
        #expect(run.exitCode == 3, "\(run.allOutput)")
        #expect(run.stdout.contains("more than 3 redirects"), "\(run.stdout)")
    }
}

/// The result of a run on another thread, read after it signalled.
final class OutcomeBox: @unchecked Sendable {
    var value: Result<CLIOutcome, any Error>?
}
