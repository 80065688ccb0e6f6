import AssayTestSupport
import Foundation
import Testing

/// `assay wait`: until the deploy answers, or a clear message when it never does.
@Suite("assay wait, end to end")
struct WaitCommandTests {
    /// Answers 503 on its first two connections (closing each), then 200.
    @Test func waitsUntilTheServerAnswersAWantedStatus() throws {
        let unavailable: [LoopbackServer.Step] = [
            .readRequest,
            .write(
                LoopbackServer.response(status: 503, reason: "Service Unavailable", headers: [("Connection", "close")])),
            .close,
        ]
        let server = try LoopbackServer(scripts: [
            unavailable, unavailable, [.serve { _ in LoopbackServer.response(body: "{}") }],
        ])
        let run = try CLIRun.assay(
            ["wait", server.baseURL + "/health", "--status", "200", "--interval", "10ms", "--deadline", "60"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(run.stdout.contains("answered 200 after 3 attempt(s)"), "\(run.stdout)")
        #expect(server.requests.count == 3)
    }

    @Test func givesUpAtTheDeadlineSayingWhatItLastSaw() throws {
        let server = try LoopbackServer(scripts: [
            [.serve { _ in LoopbackServer.response(status: 503, reason: "Service Unavailable") }]
        ])
        let run = try CLIRun.assay(
            ["wait", server.baseURL + "/health", "--interval", "50ms", "--deadline", "300ms"])
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(run.stderr.contains("assay wait: gave up on \(server.baseURL)/health after"), "\(run.stderr)")
        #expect(run.stderr.contains("last answer: 503 (wanted 2xx)"), "\(run.stderr)")
    }

    @Test(arguments: [
        (["wait"], "assay wait takes one URL"),
        (["wait", "ftp://127.0.0.1/"], "expects an http:// or https:// URL"),
        (["wait", "http://127.0.0.1:1/", "--status", "ok"], "--status expects codes such as 200"),
        (["wait", "http://127.0.0.1:1/", "--deadline", "0"], "--deadline must be more than 0"),
    ])
    func badArgumentsAreUsageErrors(arguments: [String], message: String) throws {
        let run = try CLIRun.assay(arguments)
        #expect(run.exitCode == 2, "\(run.allOutput)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }
}
