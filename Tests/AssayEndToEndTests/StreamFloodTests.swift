import AssayTestSupport
import Foundation
import Testing

/// A target that floods a stream (events, or `:` comment lines) cannot make the run keep every item:
/// the stream is stopped at the item limit, the case fails naming it, and the report stays small.
@Suite("Stream floods, end to end")
struct StreamFloodTests {
    static let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"

    static let floods: [(name: String, body: Data)] = [
        ("events", Data(String(repeating: "data: {\"n\":1}\n\n", count: 200_001).utf8)),
        ("comments", Data(String(repeating: ":\n", count: 4 << 20).utf8)),
    ]

    @Test(arguments: 0..<floods.count)
    func aFloodStopsAtTheItemLimit(index: Int) throws {
        let flood = Self.floods[index]
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            {"name": "flood", "cases": [
              {"name": "flood", "request": {"path": "/stream"}, "expect": {"stream": {"deadline": "60s"}}},
              {"name": "after", "request": {"path": "/ok"}, "expect": {"status": 200}}
            ]}
            """, to: "Suites/flood.jsonc")
        let server = try LoopbackServer(scripts: [
            [.readRequest, .write(Self.head), .write(flood.body), .close],
            [.readRequest, .write(LoopbackServer.response(body: "ok")), .close],
        ])
        let outcome = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--parallel", "1", "--out", "out"], directory: directory.url)
        #expect(outcome.exitCode == 1, "\(outcome.allOutput.prefix(3000))")
        #expect(
            outcome.stdout.contains("stream item_limit: the stream sent more than 100000 items"),
            "\(outcome.stdout.prefix(3000))")
        #expect(outcome.stdout.split(separator: "\n").last == "1 passed, 1 failed, 0 skipped")
        let report = try directory.read("out/report.json")
        #expect(report.utf8.count < 2_000_000, "report.json is \(report.utf8.count) bytes")
        #expect(report.contains("\"eventsOmitted\""))
        #expect(report.contains("\"name\" : \"after\""))
    }

    /// A flood cut at its deadline while the target keeps the stream open (the deadline leaves a
    /// loaded machine time to read every event): its whole backlog is judged, each event once, and the findings are exact: the deadline, the one counter that went
    /// backwards (named by its real-event index deep in the flood), and every event counted.
    @Test func aFloodCutAtItsDeadlineIsJudgedExactly() throws {
        let count = 12_000
        var body = ""
        for index in 0..<count {
            // Event #9000 repeats the counter before it: the only break in the sequence.
            let counter = index == 9_000 ? index - 1 : index
            body += "data: {\"sequence_number\":\(counter),\"delta\":\"x\"}\n\n"
        }
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            {"name": "flood", "cases": [
              {"name": "cut", "request": {"path": "/stream"},
               "expect": {"stream": {"deadline": "6s", "sequence": {"path": "sequence_number"}}}}
            ]}
            """, to: "Suites/flood.jsonc")
        // The target sends the flood, then says nothing more and keeps the connection.
        let server = try LoopbackServer(script: [
            .readRequest, .write(Self.head), .write(Data(body.utf8)), .readBytes(1 << 30),
        ])
        defer { server.stop() }
        let outcome = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--json", "out/r.json"], directory: directory.url)
        #expect(outcome.exitCode == 1, "\(outcome.allOutput.prefix(3000))")
        #expect(outcome.stdout.contains("stream deadline: stream took"))
        let sequenceLines = outcome.stdout.split(separator: "\n").filter { $0.contains("stream sequence_number:") }
        #expect(sequenceLines.count == 1, "\(sequenceLines)")
        #expect(sequenceLines.first?.contains("not increasing: 8999 after 8999") == true, "\(sequenceLines)")
        #expect(sequenceLines.first?.contains("real event #9000") == true, "\(sequenceLines)")
        let report = try directory.read("out/r.json")
        #expect(report.contains("\"realEventCount\" : \(count)"))
    }
}
