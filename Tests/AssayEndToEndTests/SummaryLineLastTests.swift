import AssayTestSupport
import Foundation
import Testing

/// `tail -1` of `assay run` is the counts line, also on GitHub Actions, where the annotations,
/// the trace summary and the score come before it in that order.
@Suite("The summary line is last, end to end")
struct SummaryLineLastTests {
    static let suite = """
        { "name": "last", "cases": [
          { "name": "holds", "tags": ["clause:listing"], "request": { "path": "/ok" }, "expect": { "status": 200 } },
          { "name": "breaks", "tags": ["clause:creating"], "request": { "path": "/bad" }, "expect": { "status": 201 } }
        ] }
        """

    @Test func countsLineIsLastOnGitHubActions() throws {
        let server = try LoopbackServer(scripts: [
            [
                // Echoes the trace id Assay sent, so only the status check fails.
                .serve { request in
                    LoopbackServer.response(
                        headers: [
                            ("Content-Type", "application/json"),
                            ("X-Request-Id", request.header("X-Request-Id") ?? ""),
                        ],
                        body: "{}")
                }
            ]
        ])
        let directory = try TemporaryDirectory()
        try directory.write(Self.suite, to: "Suites/last.jsonc")
        let run = try CLIRun.assay(
            [
                "run", "Suites", "--target", server.baseURL, "--trace-header", "X-Request-Id", "--score-label", "Last",
                "--out", "out",
            ],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": directory.url.path + "/out/summary.md"],
            directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // What `tail -1` prints: the last line before the final newline.
        let tail = lines.last == "" ? lines.dropLast() : lines[...]
        #expect(tail.last == "1 passed, 1 failed, 0 skipped", "\(run.stdout)")
        let annotation = try #require(tail.lastIndex { $0.hasPrefix("::error ") }, "no annotation: \(run.stdout)")
        let trace = try #require(tail.lastIndex { $0.hasPrefix("trace ids: ") }, "no trace summary: \(run.stdout)")
        let score = try #require(tail.lastIndex { $0 == "Last compatibility: 1/2 clauses" }, "\(run.stdout)")
        #expect(annotation < trace && trace < score && score == tail.count - 2, "\(run.stdout)")
    }
}
