import Foundation

@testable import AssayKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Result trees for report tests, built through the real redaction path: every exchange
/// is recorded with `ExchangeRecord(_:redactor:detail:)` and every repro with
/// `CurlCommand.render`, from requests and responses that carry the secret.
enum ReportFixtures {
    /// A token the run was given as a secret; it must appear in no artifact.
    static let secret = "sk-live-7Hq2ZpX9secretTOKEN"
    static let redactor = Redactor(secrets: [secret])
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// A recorded exchange whose request and response both carry the secret.
    static func exchange(status: Int, body: String, keepBodies: Bool, stream: StreamRecord? = nil) -> (
        ExchangeRecord, String
    ) {
        var headers = HTTPHeaders()
        headers.append(name: "Authorization", value: "Bearer \(secret)")
        headers.append(name: "X-Api-Key", value: secret)
        headers.append(name: "Content-Type", value: "application/json")
        let request = HTTPRequest(
            method: "POST", url: "http://127.0.0.1:9/v1/chat/completions?key=\(secret)", headers: headers,
            body: Data(#"{"model":"m","user":"\#(secret)"}"#.utf8))
        var responseHeaders = HTTPHeaders()
        responseHeaders.append(name: "Content-Type", value: "application/json")
        responseHeaders.append(name: "X-Echo", value: "token=\(secret)")
        let response = HTTPResponse(status: status, reason: "Status", headers: responseHeaders, body: Data(body.utf8))
        let now = ContinuousClock.now
        let exchange = Exchange(
            request: request, response: response,
            timings: TransferTimings(dns: 120, connect: 480, tls: 0, preTransfer: 500, firstByte: 2_400, total: 3_100),
            startedAt: start, startInstant: now, finishedAt: now)
        var record = ExchangeRecord(exchange, redactor: redactor, detail: keepBodies ? .full : .headers)
        record.stream = stream
        return (record, CurlCommand.render(request: request, redactor: redactor))
    }

    /// One case with a single step; a failed case gets a body check whose details echo the secret.
    static func testCase(
        suite: String, name: String, verdict: Verdict, line: Int, tags: [String] = [], durationMs: Double = 10,
        file: String? = nil, stream: StreamRecord? = nil
    ) -> CaseResult {
        let location = SourceLocation(file: file ?? "Suites/\(suite).jsonc", line: line, column: 7)
        var checks = [CheckResult.pass("status", "status 200")]
        var error: String?
        switch verdict {
        case .failed:
            checks.append(
                .fail(
                    "body", redactor.redact("body: 2 differences, 50% off: a, b"), subject: "body",
                    details: [redactor.redact(#"/user: expected "x", got "\#(secret)""#), "/id: missing\nsecond line"],
                    at: SourceLocation(file: location.file, line: line + 3, column: 9)))
        case .notExercised:
            checks.append(
                .notExercised(
                    "stream", "stream: not exercised: the first event came at once, nothing was pending",
                    at: SourceLocation(file: location.file, line: line + 2, column: 9)))
        case .error:
            error = redactor.redact("could not execute POST http://127.0.0.1:9/?key=\(secret): connectionRefused")
        default: break
        }
        let (record, curl) = exchange(
            status: verdict == .passed ? 200 : 400, body: #"{"echo":"\#(secret)"}"#, keepBodies: verdict != .passed,
            stream: stream)
        let step = StepResult(
            name: name, location: location, verdict: verdict == .skipped ? .skipped : verdict,
            exchanges: verdict == .skipped ? [] : [record], checks: verdict == .skipped ? [] : checks, captures: [:],
            curl: verdict == .skipped ? nil : curl, error: error, durationMs: durationMs)
        return CaseResult(
            suite: suite, name: name, tags: tags, location: location, verdict: verdict, durationMs: durationMs,
            steps: [step], reason: verdict == .skipped ? "not on this target" : nil, startedAt: start)
    }

    /// A stream record with events and heartbeats.
    static let stream = StreamRecord(
        events: [
            .init(offsetMs: 40, type: "message", heartbeat: false),
            .init(offsetMs: 90, type: "comment", heartbeat: true),
            .init(offsetMs: 150, type: "message", heartbeat: false),
            .init(offsetMs: 210, type: "done", heartbeat: false),
        ], timeToFirstEventMs: 40, maxHeartbeatGapMs: 90, maxEventGapMs: 60, terminatorSeen: true)

    /// A run over two suites with every verdict, clause tags, and names full of characters
    /// that markup, Markdown and workflow commands treat specially.
    static func run(shard: String? = nil) -> RunResult {
        let chat = [
            testCase(
                suite: "chat", name: "streams <tokens> & \"quotes\"", verdict: .passed, line: 12,
                tags: ["clause:streaming"], durationMs: 230, stream: stream),
            testCase(
                suite: "chat", name: "rejects bad key, 100%: yes", verdict: .failed, line: 30,
                tags: ["clause:auth-envelope"], durationMs: 55),
            testCase(
                suite: "chat", name: "error shape", verdict: .passed, line: 48, tags: ["clause:auth-envelope"],
                durationMs: 20),
            testCase(
                suite: "chat", name: "legacy # field", verdict: .skipped, line: 60, tags: ["clause:legacy"],
                durationMs: 0),
        ]
        let models = [
            testCase(suite: "models", name: "list", verdict: .passed, line: 5, durationMs: 12),
            testCase(suite: "models", name: "unreachable", verdict: .error, line: 20, durationMs: 3),
        ]
        let suites = [
            SuiteResult(name: "chat", file: "Suites/chat.jsonc", cases: chat),
            SuiteResult(name: "models", file: "Suites/models.jsonc", cases: models),
        ]
        return RunResult(
            target: "http://127.0.0.1:9", mode: .strict, startedAt: start, durationMs: 420, suites: suites,
            summary: RunSummary(cases: suites.flatMap(\.cases)), variables: ["model": "m"], secretNames: ["token"],
            shard: shard)
    }

    /// Every artifact of `result` as text, by format, plus the history line and annotations.
    static func artifacts(_ result: RunResult, context: ReportContext = ReportContext()) -> [String: String] {
        var texts: [String: String] = [:]
        for format in ReportFormat.allCases { texts[format.rawValue] = format.render(result, context: context) }
        texts["history"] = RunHistory.render([HistoryEntry(result, revision: "abc")])
        texts["annotations"] = GitHubAnnotations.lines(result).joined(separator: "\n")
        texts["console"] = ConsoleReporter.failureDetails(result.cases[1]).joined(separator: "\n")
        return texts
    }
}

/// Markup checks with real parsers: xmllint (Debian's libxml2-utils) and Foundation's XMLParser.
enum Markup {
    /// Where xmllint is, or nil; tests fail (not skip) when it is missing.
    static var xmllint: String? {
        ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs xmllint with `arguments` on `text` (written to a temporary file); returns its status and stderr.
    static func runXmllint(_ arguments: [String], on text: String, suffix: String) throws -> (
        status: Int32, output: String
    ) {
        guard let xmllint else {
            throw MarkupError("xmllint is missing: apt-get install -y libxml2-utils (the tests need a real validator)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assay-report-\(UUID().uuidString).\(suffix)")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = arguments + [file.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Whether Foundation's XML parser accepts `text`, with its error if not.
    static func parses(_ text: String) -> (Bool, String) {
        let parser = XMLParser(data: Data(text.utf8))
        let ok = parser.parse()
        return (ok, parser.parserError.map { "\($0)" } ?? "")
    }

    /// The vendored JUnit schema.
    static var junitSchema: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/junit.xsd").path
    }

    struct MarkupError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
