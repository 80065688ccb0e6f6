import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// A real run over loopback, written out as every `--out` artifact plus the history.
@Suite struct ReportEndToEndTests {
    static let secret = "sk-e2e-Zq81NVmSECRET"

    /// Lines the console wrote; observers are called one at a time, the lock covers reading after the run.
    final class Lines: @unchecked Sendable {
        // @unchecked: every access goes through `lock`.
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    /// A suite with a passing and a failing case, both sending the secret in a header.
    static let suite = """
        {
          "name": "e2e",
          "defaults": { "headers": { "Authorization": "Bearer ${token}" } },
          "cases": [
            { "name": "listing", "tags": ["clause:listing"], "request": { "path": "/ok" }, "expect": { "status": 200 } },
            { "name": "wrong status", "request": { "path": "/bad?key=${token}" }, "expect": { "status": 201 } }
          ]
        }
        """

    /// Runs the suite against a server that echoes the secret, writing `--out` artifacts and the history twice;
    /// every artifact exists, is valid, holds the verdicts and never the secret.
    @Test func outDirectoryArtifacts() throws {
        let server = try LoopbackServer(script: [
            .readRequest,
            .write(
                LoopbackServer.response(
                    headers: [("Content-Type", "application/json"), ("Connection", "close")],
                    body: #"{"echo":"\#(Self.secret)"}"#)),
        ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let suiteFile = folder.appendingPathComponent("e2e.jsonc").path
        try Data(Self.suite.utf8).write(to: URL(fileURLWithPath: suiteFile))
        let out = folder.appendingPathComponent("out").path
        let history = folder.appendingPathComponent("history.jsonl").path

        var planner = Planner(target: server.baseURL, environment: [:])
        planner.commandLineVariables = [("token", Self.secret, true)]
        let plan = try planner.plan(try SuiteLoader.loadAll([suiteFile]))
        let context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder), environment: [:])

        var lastConsole: [String] = []
        for run in 1...2 {
            var set = ReportSet(
                context: ReportContext(scoreLabel: "E2E", history: HistoryFileWriter.read(history), revision: "rev"))
            set.addOutDirectory(out)
            set.historyPath = history
            let lines = Lines()
            let console = ConsoleReporter(style: ConsoleStyle(colors: false), scoreLabel: "E2E") { lines.append($0) }
            let result = Runner(plan: plan, context: context).run(observers: set.observers(console: console))
            #expect(result.summary.passed == 1 && result.summary.failed == 1, "run \(run)")
            lastConsole = lines.all
        }

        #expect(lastConsole.last == "1 passed, 1 failed, 0 skipped")
        #expect(lastConsole.dropLast().last == "E2E compatibility: 1/2 clauses")
        var texts: [String: String] = ["console": lastConsole.joined(separator: "\n")]
        for name in ["junit.xml", "report.json", "report.md", "report.html", "badge.svg"] {
            let path = out + "/" + name
            let data = try #require(FileManager.default.contents(atPath: path), "\(name) missing")
            texts[name] = String(decoding: data, as: UTF8.self)
        }
        texts["history"] = try String(contentsOfFile: history, encoding: .utf8)
        for (name, text) in texts {
            #expect(!text.contains(Self.secret), "\(name) leaks the secret")
        }
        let junit = try Markup.runXmllint(
            ["--noout", "--schema", Markup.junitSchema], on: texts["junit.xml"] ?? "", suffix: "xml")
        #expect(junit.status == 0, "\(junit.output)")
        for name in ["report.html", "badge.svg"] {
            let check = try Markup.runXmllint(["--noout"], on: texts[name] ?? "", suffix: "xml")
            #expect(check.status == 0, "\(name): \(check.output)")
        }
        let report = try JSONReport.read(Data((texts["report.json"] ?? "").utf8))
        #expect(report.cases.map(\.verdict) == [.passed, .failed])
        #expect(report.cases[1].location.file == suiteFile)
        #expect(report.secretNames == ["token"] && report.variables["token"] == nil)
        #expect(HistoryFileWriter.read(history).count == 2)
        #expect(texts["report.md"]?.contains("## Trend over the last 2 runs") == true)
        #expect(texts["report.md"]?.contains("status: expected 201, got 200") == true)
        #expect(texts["report.md"]?.contains("Authorization: Bearer ***") == true)
        #expect(texts["badge.svg"]?.contains(">1/2<") == true)
    }
}
