import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// Wire scripts for SSE responses served by `LoopbackServer`.
enum StreamWire {
    /// A chunked streaming head; `close` adds `Connection: close` so libcurl never reuses the connection.
    static func head(status: Int = 200, contentType: String = "text/event-stream", close: Bool = true)
        -> LoopbackServer.Step
    {
        var text = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Type: \(contentType)\r\n"
        text += "Transfer-Encoding: chunked\r\n"
        if close { text += "Connection: close\r\n" }
        return .write(text + "\r\n")
    }

    /// One chunk on the wire.
    static func send(_ text: String) -> LoopbackServer.Step { .write(LoopbackServer.chunk(text)) }

    /// Frames sent `gap` milliseconds apart.
    static func frames(_ frames: [String], gap: Int) -> [LoopbackServer.Step] {
        frames.flatMap { [send($0), .sleep(milliseconds: gap)] }
    }

    /// The last chunk of a chunked body: a clean end of stream.
    static let end = LoopbackServer.Step.write("0\r\n\r\n")

    /// A whole streamed response: head, frames `gap` ms apart, clean end.
    static func stream(_ frames: [String], gap: Int = 20) -> [LoopbackServer.Step] {
        [.readRequest, head()] + self.frames(frames, gap: gap) + [end]
    }

    /// The text that `SSEFixtures.chatStream(deltas:)` reassembles to.
    static let chatDeltas = ["Hel", "lo", " wor", "ld"]
}

/// Runs one-case suites end to end: suite file → `SuiteLoader` → `Planner` → `Runner`, against a
/// loopback server, exactly as the CLI does.
struct StreamRun {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Where goldens live for this run.
    var goldens: URL { directory.appendingPathComponent("Goldens") }

    /// Writes a suite with one case (`request` and `expect` JSONC) and returns its path.
    func writeSuite(
        request: String = #"{"method": "POST", "path": "/v1/chat/completions", "body": {"stream": true}}"#,
        expect: String
    )
        throws -> String
    {
        let text = """
            {
              "name": "stream",
              "variables": {"answer": "Hello world"},
              "cases": [
                {
                  "name": "streams",
                  "request": \(request),
                  "expect": \(expect)
                }
              ]
            }
            """
        let path = directory.appendingPathComponent("stream.jsonc").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs the suite against `server` and returns its only step.
    func run(_ file: String, server: LoopbackServer, record: RecordMode = .never) throws -> StepResult {
        let suite = try SuiteLoader.load(file: file)
        let plan = try Planner(target: server.baseURL, environment: [:]).plan([suite])
        var context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: goldens), record: record,
            recordExplicit: true, environment: [:])
        // These tests read the messages of passing checks, which a default run keeps only for failures.
        context.keepsPassingDetails = true
        let result = Runner(plan: plan, context: context).run(observers: [])
        let testCase = try #require(result.cases.first)
        return try #require(testCase.steps.first)
    }

    /// Writes the suite and runs it.
    func run(expect: String, server: LoopbackServer, request: String? = nil) throws -> StepResult {
        let file = try request.map { try writeSuite(request: $0, expect: expect) } ?? writeSuite(expect: expect)
        return try run(file, server: server)
    }
}

extension StepResult {
    /// The failed checks, as `subject: message`, for readable expectations.
    var failures: [CheckResult] { checks.filter(\.failed) }

    /// The failed stream checks of one rule.
    func findings(_ rule: String) -> [CheckResult] {
        checks.filter { $0.failed && $0.kind == "stream" && $0.subject == rule }
    }

    /// The rules of every failed stream check, in order.
    var failedStreamRules: [String] {
        checks.filter { $0.failed && $0.kind == "stream" }.compactMap(\.subject)
    }

    /// The stream rules that had nothing to observe.
    var notExercisedStreamRules: [String] {
        checks.filter { $0.wasNotExercised && $0.kind == "stream" }.compactMap(\.subject)
    }
}

/// The first integer after `prefix` in `text`, e.g. the gap in `heartbeat gap 512 ms`.
func number(after prefix: String, in text: String) -> Int? {
    guard let range = text.range(of: prefix) else { return nil }
    let digits = text[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }
    return Int(digits)
}
