import AssayKit
import AssayTestSupport
import Foundation
import Testing

/// Interrupting a run: the transfers in flight end at once (not at their timeout), every report
/// is written and lists every case of the plan, those that did not finish as `not run`, and the
/// exit code is 128 + the first signal (130 for SIGINT, 143 for SIGTERM).
@Suite("Interrupted runs, end to end")
struct InterruptTests {
    /// A target that reads each request and never answers, holding the connection open.
    static func silentTarget() throws -> LoopbackServer {
        try LoopbackServer(script: [.readRequest, .readBytes(1 << 30)])
    }

    /// A suite of plain cases (transfer loop) and stream cases (worker threads) against the silent target.
    static func suite(plain: Int, streams: Int) -> String {
        let plainCases = (0..<plain).map {
            #"{ "name": "plain \#($0)", "request": { "path": "/plain/\#($0)" }, "expect": { "status": 200 } }"#
        }
        let streamCases = (0..<streams).map {
            #"{ "name": "stream \#($0)", "request": { "path": "/stream/\#($0)" }, "expect": { "status": 200, "stream": { "deadline": "50s" } } }"#
        }
        return #"{ "name": "silent", "cases": [ "# + (streamCases + plainCases).joined(separator: ",\n") + " ] }"
    }

    /// A started `assay run` and what it wrote.
    struct Run {
        let process: Process
        let stdout: Pipe
        let stderr: Pipe
        let directory: TemporaryDirectory

        init(suite: String, target: String, parallel: Int, environment extra: [String: String] = [:]) throws {
            directory = try TemporaryDirectory()
            try directory.write(suite, to: "Suites/silent.jsonc")
            process = Process()
            process.executableURL = BuiltProducts.executable("assay")
            // --timeout 60: if the signal did not cancel the transfers, the run would last a minute.
            process.arguments = [
                "run", "Suites", "--target", target, "--timeout", "60", "--parallel", "\(parallel)", "--out", "out",
                "--tap", "out/report.tap",
            ]
            process.currentDirectoryURL = directory.url
            var environment = ProcessInfo.processInfo.environment
            for key in ["ASSAY_MODE", "ASSAY_TARGET", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI"] {
                environment.removeValue(forKey: key)
            }
            process.environment = environment.merging(extra) { $1 }
            stdout = Pipe()
            process.standardOutput = stdout
            stderr = Pipe()
            process.standardError = stderr
            try process.run()
        }

        /// Waits until the target holds `count` requests: that many cases are in flight, and the
        /// signal handler (installed before the first request) is in place.
        func waitForRequests(_ count: Int, on server: LoopbackServer) {
            let deadline = Date().addingTimeInterval(30)
            while server.requests.count < count, Date() < deadline { usleep(5_000) }
        }

        /// Waits until stderr says the first signal was taken (so a second one is a second one).
        func waitForFirstSignalNotice() {
            var seen = Data()
            let deadline = Date().addingTimeInterval(30)
            while !String(decoding: seen, as: UTF8.self).contains("assay: interrupted"), Date() < deadline {
                let more = stderr.fileHandleForReading.availableData
                if more.isEmpty { break }
                seen += more
            }
        }

        /// Waits for the process, killing it if it outlives the 60 s timeout (the test then fails).
        func finish() -> (exitCode: Int32, stdout: String) {
            let deadline = Date().addingTimeInterval(55)
            while process.isRunning, Date() < deadline { usleep(10_000) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return (process.terminationStatus, output)
        }
    }

    /// Reads every report of `run` and checks each lists all of `names`, none of them as having run.
    static func expectEveryReportListsNotRun(_ run: Run, names: [String]) throws {
        let result = try JSONReport.read(Data(try run.directory.read("out/report.json").utf8))
        #expect(result.interrupted)
        #expect(result.cases.map(\.name).sorted() == names.sorted())
        #expect(result.cases.allSatisfy { $0.verdict == .notRun })
        #expect(result.summary.notRun == names.count)
        // No transfer ran into its timeout: those in flight were cancelled.
        let failures = result.cases.flatMap(\.steps).flatMap(\.exchanges).compactMap(\.failure)
        #expect(failures.allSatisfy { $0.kind == .cancelled })
        let junit = try run.directory.read("out/junit.xml")
        let tap = try run.directory.read("out/report.tap")
        let markdown = try run.directory.read("out/report.md")
        let html = try run.directory.read("out/report.html")
        #expect(junit.components(separatedBy: "<testcase ").count - 1 == names.count)
        #expect(junit.components(separatedBy: "<skipped message=\"not run: ").count - 1 == names.count)
        #expect(tap.contains("1..\(names.count)"))
        #expect(tap.components(separatedBy: "# SKIP not run: ").count - 1 == names.count)
        #expect(markdown.contains("## Not run"))
        for name in names {
            #expect(markdown.contains("`silent / \(name)`"))
            #expect(html.contains(name))
        }
    }

    /// SIGTERM while every lane waits on a silent target: exit 143 long before the 60 s timeout
    /// (the run ends at the signal, not the timeout: no transfer failed with `timeout`), and every
    /// report lists the cases in flight and those never started, all as not run.
    @Test func sigtermCancelsInFlightTransfersAndListsEveryCase() throws {
        let server = try Self.silentTarget()
        defer { server.stop() }
        let run = try Run(suite: Self.suite(plain: 10, streams: 2), target: server.baseURL, parallel: 4)
        run.waitForRequests(4, on: server)
        kill(run.process.processIdentifier, SIGTERM)
        let (exitCode, stdout) = run.finish()
        #expect(exitCode == 143)
        #expect(stdout.contains("12 not run"))
        #expect(stdout.contains("not run: the run was interrupted while this case was in flight"))
        #expect(stdout.contains("not run: the run was interrupted before this case started"))
        let names = (0..<2).map { "stream \($0)" } + (0..<10).map { "plain \($0)" }
        try Self.expectEveryReportListsNotRun(run, names: names)
    }

    /// SIGINT does the same with exit code 130.
    @Test func sigintExits130WithEveryCaseListed() throws {
        let server = try Self.silentTarget()
        defer { server.stop() }
        let run = try Run(suite: Self.suite(plain: 6, streams: 0), target: server.baseURL, parallel: 2)
        run.waitForRequests(2, on: server)
        kill(run.process.processIdentifier, SIGINT)
        let (exitCode, _) = run.finish()
        #expect(exitCode == 130)
        try Self.expectEveryReportListsNotRun(run, names: (0..<6).map { "plain \($0)" })
    }

    /// SIGINT, then SIGTERM once the first was taken: whichever of the run and the second signal
    /// writes the reports first, they are whole (atomic) and list every case, and the exit code is
    /// the first signal's.
    @Test func secondSignalStillWritesWholeReports() throws {
        let server = try Self.silentTarget()
        defer { server.stop() }
        let run = try Run(suite: Self.suite(plain: 8, streams: 1), target: server.baseURL, parallel: 3)
        run.waitForRequests(3, on: server)
        kill(run.process.processIdentifier, SIGINT)
        run.waitForFirstSignalNotice()
        kill(run.process.processIdentifier, SIGTERM)
        let (exitCode, _) = run.finish()
        #expect(exitCode == 130)
        try Self.expectEveryReportListsNotRun(run, names: ["stream 0"] + (0..<8).map { "plain \($0)" })
    }

    /// A run that finished before a case did is unaffected: the cases that completed keep their
    /// verdicts, and only the rest are not run (here: a quick case passes, then the target falls silent).
    @Test func finishedCasesKeepTheirVerdicts() throws {
        let answer = LoopbackServer.response(status: 200, body: "{}")
        let server = try LoopbackServer(scripts: [
            [.readRequest, .write(answer)], [.readRequest, .readBytes(1 << 30)],
        ])
        defer { server.stop() }
        let suite = """
            { "name": "silent", "cases": [
              { "name": "quick", "request": { "path": "/quick" }, "expect": { "status": 200 } },
              { "name": "stuck", "request": { "path": "/stuck" }, "expect": { "status": 200 } },
              { "name": "never started", "request": { "path": "/never" }, "expect": { "status": 200 } }
            ] }
            """
        let run = try Run(suite: suite, target: server.baseURL, parallel: 1)
        run.waitForRequests(2, on: server)
        kill(run.process.processIdentifier, SIGINT)
        let (exitCode, _) = run.finish()
        #expect(exitCode == 130)
        let result = try JSONReport.read(Data(try run.directory.read("out/report.json").utf8))
        #expect(result.cases.map(\.name) == ["quick", "stuck", "never started"])
        #expect(result.cases.map(\.verdict) == [.passed, .notRun, .notRun])
        #expect(result.cases[1].reason == CaseResult.cutShortReason)
        #expect(result.cases[2].reason == CaseResult.neverStartedReason)
    }

    /// A run that cannot finish after the first signal (here its job summary is a FIFO nobody reads,
    /// so appending to it blocks forever once the reports are written) is ended by the second: the
    /// process exits by itself with the first signal's code, and the reports it wrote are whole.
    @Test func secondSignalEndsARunThatCannotFinish() throws {
        let server = try Self.silentTarget()
        defer { server.stop() }
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("assay-fifo-\(UUID().uuidString)")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        defer { try? FileManager.default.removeItem(at: fifo) }
        let run = try Run(
            suite: Self.suite(plain: 5, streams: 0), target: server.baseURL, parallel: 2,
            environment: ["GITHUB_STEP_SUMMARY": fifo.path])
        run.waitForRequests(2, on: server)
        kill(run.process.processIdentifier, SIGTERM)
        // The reports are written before the job summary, where the run then hangs.
        let report = run.directory.url.appendingPathComponent("out/report.tap")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: report.path), Date() < deadline { usleep(5_000) }
        #expect(run.process.isRunning)
        kill(run.process.processIdentifier, SIGINT)
        let (exitCode, _) = run.finish()
        #expect(run.process.terminationReason == .exit)
        #expect(exitCode == 143)
        try Self.expectEveryReportListsNotRun(run, names: (0..<5).map { "plain \($0)" })
    }
}
