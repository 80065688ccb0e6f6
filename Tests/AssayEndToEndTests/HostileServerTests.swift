import AssayTestSupport
import Foundation
import Testing

/// The run against each misbehaving server of `HostileBehaviour`: it ends (the test's timeout only
/// guards a hang), the hostile case fails with a classified reason, the next case still runs and
/// passes, and every report is written.
@Suite("Hostile servers, end to end")
struct HostileServerTests {
    /// What the console must say about the hostile case, by behaviour.
    static let expected: [HostileBehaviour: String] = [
        .garbageStatusLine: "protocolError: broken status line: the response does not start with `HTTP/<version>",
        .statusWithoutCode: "protocolError: broken status line",
        .headlessBody: "protocolError: Received HTTP/0.9",
        .closeBeforeHead: "connectionCut: Empty reply from server",
        .emptyReply: "connectionCut: Empty reply from server",
        .silence: "timeout: Operation timed out after",
        .slowHead: "timeout:",
        .hugeHeaderLine: "protocolError: response head too large: a header line over libcurl's 100 KB limit",
        .manyHeaders: "protocolError: response head too large: its header lines together pass libcurl's limit",
        .badChunkSize: "connectionCut: Illegal or missing hexadecimal sequence in chunked-encoding",
        .chunkSizeOverflow: "connectionCut: Too long hexadecimal number in chunked-encoding",
        .truncatedChunk: "connectionCut: transfer closed with outstanding read data remaining",
        .shortContentLength: "connectionCut: transfer closed with 89 bytes remaining to read",
        .conflictingContentLength: "body: expected JSON, but the body is not JSON",
        .negativeContentLength: "protocolError: Invalid Content-Length",
        .endlessBody: "bodyTooLarge: response body exceeds the cap of 8388608 bytes",
        .slowBody: "timeout: Operation timed out after",
        .oversizedBody: "bodyTooLarge: response body exceeds the cap of 8388608 bytes",
        .deepJSON: "nesting depth exceeds the limit of 512",
        .hugeNumber: "$.ok: expected true, got 1000",
        .invalidUTF8JSON: "body: expected JSON, but the body is not JSON",
        .nulInJSON: "found U+0000",
        .duplicateKeys: "duplicate key \"ok\"",
        .interimFlood: "Too large response headers",
        .status999: "status: expected 200, got 999 Odd",
        .sseFlood: "stream item_limit: the stream sent more than 100000 items",
        .sseCommentFlood: "stream item_limit: the stream sent more than 100000 items",
        .sseEndless: "stream deadline: stream took",
        // Bodies are decoded as they arrive: a body that says gzip and is not is the target's protocol error.
        .gzipGarbage: "protocolError: Error while processing content unencoding",
        .resetMidBody: "connectionCut: transfer closed with 4994 bytes remaining to read",
    ]

    @Test(arguments: HostileBehaviour.allCases)
    func theRunSurvivesAndClassifies(behaviour: HostileBehaviour) throws {
        let directory = try TemporaryDirectory()
        // A flood must meet the item limit, not the deadline: on a loaded machine a debug build may
        // take over 3 s to read 100,000 events, so only the endless stream gets the short deadline.
        let deadline = behaviour == .sseEndless ? "3s" : "30s"
        let expect =
            behaviour.isStream
            ? #"{"stream": {"deadline": "\#(deadline)"}}"# : #"{"status": 200, "body": {"ok": true}}"#
        try directory.write(
            """
            {"name": "hostile", "cases": [
              {"name": "hostile", "request": {"path": "/h"}, "expect": \(expect)},
              {"name": "after", "request": {"path": "/ok"}, "expect": {"status": 200, "body": {"ok": true}}}
            ]}
            """, to: "Suites/h.jsonc")
        let server = try behaviour.start()
        let outcome = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--parallel", "1", "--timeout", "3s", "--out", "out"],
            directory: directory.url, timeout: 60)
        server.stop()
        #expect([1, 3].contains(outcome.exitCode), "\(outcome.allOutput.prefix(2000))")
        #expect(outcome.stdout.contains("✓ hostile / after"), "\(outcome.stdout.prefix(2000))")
        let text = try #require(Self.expected[behaviour])
        #expect(outcome.stdout.contains(text), "\(outcome.stdout.prefix(2000))")
        for file in ["junit.xml", "report.json", "report.md", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("out/\(file)").path))
        }
        let report = try directory.read("out/report.json")
        #expect(report.utf8.count < 3_000_000, "report.json is \(report.utf8.count) bytes")
    }
}
