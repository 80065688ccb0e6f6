import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// Planning file by file and running streamed suites: every file is checked before any
/// request, cases run and report in plan order across files, exclusive cases stay alone,
/// shards still partition the run, and an interrupted or changed run still reports.
@Suite("Plan streaming")
struct PlanStreamingTests {
    /// Counts requests, the most it held at once, and catches any request that overlaps an exclusive
    /// one (paths under `/x/`). Paths with a `/s/` segment are answered with an event stream.
    final class Wire: @unchecked Sendable {
        // @unchecked: every access goes through `lock`.
        private let lock = NSLock()
        private var inFlight = 0
        private(set) var mostInFlight = 0
        private var exclusiveActive = false
        private(set) var overlaps: [String] = []
        private(set) var paths: [String] = []
        /// Called with each request path before it is answered, on the server's thread.
        var onRequest: (@Sendable (String) -> Void)? {
            get { lock.withLock { hook } }
            set { lock.withLock { hook = newValue } }
        }
        private var hook: (@Sendable (String) -> Void)?

        func handle(_ request: LoopbackServer.RecordedRequest) -> Data {
            let exclusive = request.target.hasPrefix("/x/")
            // Counted before the hook runs, so a request whose hook cancels the run is always counted.
            lock.withLock {
                if exclusiveActive || (exclusive && inFlight > 0) { overlaps.append(request.target) }
                inFlight += 1
                mostInFlight = max(mostInFlight, inFlight)
                if exclusive { exclusiveActive = true }
                paths.append(request.target)
            }
            onRequest?(request.target)
            // Long enough for parallel workers to overlap when the scheduler lets them; nothing is timed.
            usleep(2_000)
            lock.withLock {
                inFlight -= 1
                if exclusive { exclusiveActive = false }
            }
            if request.target.hasSuffix("/ttl") { return LoopbackServer.response(body: replayingAnswer(to: request)) }
            if request.target.contains("/s/") {
                return LoopbackServer.response(
                    headers: [("Content-Type", "text/event-stream")], body: "data: {\"n\":1}\n\ndata: [DONE]\n\n")
            }
            return LoopbackServer.response(body: "{}")
        }

        /// Fresh answers, counted; a key's answer is replayed once, then the key has expired (the
        /// replay case's TTL wait passes in between).
        private var answersByKey: [String: String] = [:]
        private var answered = 0

        private func replayingAnswer(to request: LoopbackServer.RecordedRequest) -> String {
            let key = request.headers.first { $0.name.lowercased() == "idempotency-key" }?.value
            return lock.withLock {
                if let key, let replayed = answersByKey.removeValue(forKey: key) { return replayed }
                answered += 1
                let fresh = #"{"n": \#(answered)}"#
                if let key { answersByKey[key] = fresh }
                return fresh
            }
        }

        var requestCount: Int { lock.withLock { paths.count } }
        var requestedPaths: [String] { lock.withLock { paths } }
        var concurrency: Int { lock.withLock { mostInFlight } }
    }

    /// Suite files `s0.jsonc`…: `cases` cases each; every `exclusiveEvery`-th case is exclusive.
    static func writeSuites(
        _ directory: TemporaryDirectory, files: Int, cases: Int, exclusiveEvery: Int? = nil
    ) throws -> [String] {
        try (0..<files).map { file in
            let items = (0..<cases).map { index in
                let exclusive = exclusiveEvery.map { index % $0 == 0 } ?? false
                let path = exclusive ? "/x/\(file)/\(index)" : "/p/\(file)/\(index)"
                return #"{"name": "c\#(index)", "exclusive": \#(exclusive), "request": {"path": "\#(path)"}, "#
                    + #""expect": {"status": 200}}"#
            }
            return try directory.write(
                #"{"name": "s\#(file)", "cases": [\#(items.joined(separator: ",\n"))]}"#, to: "Suites/s\(file).jsonc")
        }
    }

    static func planner(_ target: String, budget: Int, shard: Shard? = nil) -> Planner {
        var planner = Planner(target: target, environment: [:])
        planner.retainedCaseBudget = budget
        planner.shard = shard
        return planner
    }

    static func run(_ plan: RunPlan, target: String, parallel: Int, observers: [any RunObserver] = []) -> RunResult {
        let context = RunContext(
            target: target, mode: .strict, goldens: GoldenStore(root: URL(fileURLWithPath: NSTemporaryDirectory())),
            environment: [:])
        return Runner(plan: plan, context: context, parallelism: parallel).run(observers: observers)
    }

    /// Beyond the budget every suite keeps only its header and selection; within it, the cases stay.
    @Test func budgetDecidesWhatIsKept() throws {
        let directory = try TemporaryDirectory()
        let files = try Self.writeSuites(directory, files: 3, cases: 5)
        let streamed = try Self.planner("http://127.0.0.1:9", budget: 14).plan(files: files)
        #expect(streamed.caseCount == 15)
        #expect(streamed.suites.allSatisfy { $0.isStreamed && $0.cases.isEmpty && $0.selection.count == 5 })
        let kept = try Self.planner("http://127.0.0.1:9", budget: 15).plan(files: files)
        #expect(kept.suites.allSatisfy { !$0.isStreamed && $0.cases.count == 5 })
        // A suite's header never holds its cases a second time.
        #expect(kept.suites.allSatisfy { $0.suite.cases.isEmpty })
    }

    /// A broken second file fails the whole plan with its location, and the check sees only sound suites.
    @Test func brokenSecondFileFailsBeforeAnyRequest() throws {
        let directory = try TemporaryDirectory()
        var files = try Self.writeSuites(directory, files: 1, cases: 3)
        files.append(
            try directory.write(
                """
                {"name": "broken", "cases": [
                  {"name": "bad", "request": {"path": "/"}, "expect": {"headers": {"X-Id": "{{hexx:32}}"}}}
                ]}
                """, to: "Suites/broken.jsonc"))
        var checked: [String] = []
        var linter = SuiteLinter(goldens: GoldenStore(root: directory.url))
        #expect {
            try Self.planner("http://127.0.0.1:9", budget: 0).plan(files: files) { planned in
                checked.append(planned.suite.name)
                return linter.lint(planned)
            }
        } throws: { error in
            guard let list = error as? DiagnosticList, let first = list.diagnostics.first else { return false }
            return list.diagnostics.count == 1 && first.location?.file == files[1] && first.location?.line == 2
                && first.message.contains("unknown matcher")
        }
        #expect(checked == ["s0", "broken"])
    }

    /// Load errors win over planning errors, which win over the linter's, as if each stage ran over all files.
    @Test func problemsAreReportedByStage() throws {
        let directory = try TemporaryDirectory()
        let undefined = try directory.write(
            #"{"name": "u", "cases": [{"name": "c", "request": {"path": "/${nope}"}}]}"#, to: "Suites/a.jsonc")
        let unknownKey = try directory.write(#"{"name": "k", "cases": [], "casez": 1}"#, to: "Suites/b.jsonc")
        #expect {
            try Self.planner("http://127.0.0.1:9", budget: 0).plan(files: [undefined, unknownKey])
        } throws: { error in
            let messages = (error as? DiagnosticList)?.diagnostics.map(\.message) ?? []
            return messages.count == 1 && messages[0].contains("unknown key `casez`")
        }
        #expect {
            try Self.planner("http://127.0.0.1:9", budget: 0).plan(files: [undefined]) { _ in [Diagnostic("lint")] }
        } throws: { error in
            let messages = (error as? DiagnosticList)?.diagnostics.map(\.message) ?? []
            return messages.count == 1 && messages[0].contains("undefined variable `${nope}`")
        }
    }

    /// Streamed and in-memory plans run the same cases in plan order across files, and an exclusive
    /// case never overlaps another request.
    @Test(arguments: [0, 1_000])
    func exclusiveAndOrderAcrossFiles(budget: Int) throws {
        let directory = try TemporaryDirectory()
        let files = try Self.writeSuites(directory, files: 4, cases: 12, exclusiveEvery: 5)
        let wire = Wire()
        let server = try LoopbackServer(script: [.serve { wire.handle($0) }])
        let plan = try Self.planner(server.baseURL, budget: budget).plan(files: files)
        let order = Order()
        let result = Self.run(plan, target: server.baseURL, parallel: 4, observers: [order])
        let expected = (0..<4).flatMap { file in (0..<12).map { "s\(file)/c\($0)" } }
        #expect(result.cases.map { "\($0.suite)/\($0.name)" } == expected)
        #expect(order.names == expected && order.indices == Array(0..<48))
        // Every case is followed by the end of its round (the console writes a round then), and
        // no round is empty.
        #expect(order.rounds.last == 48)
        #expect(zip(order.rounds, [0] + order.rounds).allSatisfy { $0 > $1 })
        #expect(
            result.suites.map(\.name) == ["s0", "s1", "s2", "s3"] && result.suites.allSatisfy { $0.cases.count == 12 })
        #expect(result.summary.passed == 48)
        #expect(wire.overlaps.isEmpty)
        #expect(wire.requestCount == 48)
    }

    /// The shards of a streamed plan partition the full run: their union is every case, none twice.
    @Test func shardUnionEqualsTheFullRun() throws {
        let directory = try TemporaryDirectory()
        let files = try Self.writeSuites(directory, files: 3, cases: 7)
        let wire = Wire()
        let server = try LoopbackServer(script: [.serve { wire.handle($0) }])
        let full = Self.run(
            try Self.planner(server.baseURL, budget: 0).plan(files: files), target: server.baseURL, parallel: 3)
        var union: [String] = []
        for index in 1...3 {
            let plan = try Self.planner(server.baseURL, budget: 0, shard: Shard(index: index, count: 3)).plan(
                files: files)
            #expect(plan.caseCount == 7)
            union += Self.run(plan, target: server.baseURL, parallel: 2).cases.map { "\($0.suite)/\($0.name)" }
        }
        #expect(union.count == 21 && Set(union).count == 21)
        #expect(Set(union) == Set(full.cases.map { "\($0.suite)/\($0.name)" }))
        #expect(wire.requestCount == 42)
    }

    /// Cancelling a streamed run stops handing out cases and ends those in flight; the result, marked
    /// interrupted, holds every case of the plan: those before the cancellation passed, the rest are not run.
    @Test func interruptStopsAStreamedRun() throws {
        let directory = try TemporaryDirectory()
        let files = try Self.writeSuites(directory, files: 5, cases: 10)
        let wire = Wire()
        let server = try LoopbackServer(script: [.serve { wire.handle($0) }])
        let plan = try Self.planner(server.baseURL, budget: 0).plan(files: files)
        let context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: directory.url), environment: [:])
        let runner = Runner(plan: plan, context: context, parallelism: 2)
        // Cancelled while the 16th case is on the wire, from another thread, as SIGINT's handler does.
        wire.onRequest = { path in if path == "/p/1/5" { runner.cancel() } }
        let result = runner.run(observers: [])
        let interrupted = result.interrupted
        #expect(interrupted)
        let names = result.cases.map { "\($0.suite)/\($0.name)" }
        let all = (0..<5).flatMap { file in (0..<10).map { "s\(file)/c\($0)" } }
        #expect(names == all)
        // Two cases in flight at once: the 15th may still be when the 16th is on the wire, and the 17th
        // may start before the cancellation; each ended by it, or by its answer if that came first.
        // The cases before them passed; no later one started.
        let verdicts = result.cases.map(\.verdict)
        #expect(verdicts.prefix(14).allSatisfy { $0 == .passed })
        #expect(verdicts[14...16].allSatisfy { $0 == .passed || $0 == .notRun })
        #expect(verdicts.dropFirst(17).allSatisfy { $0 == .notRun })
        #expect(result.cases.dropFirst(17).allSatisfy { $0.reason == CaseResult.neverStartedReason })
        // The 16th is counted before it cancels; the 15th may have been cut before the server read it
        // (two workers, a loaded machine), and the 17th may or may not have reached the wire.
        #expect(wire.requestCount >= 15 && wire.requestCount <= 17)
        #expect(wire.requestedPaths.contains("/p/1/5"))
    }

    /// A file edited between the check and its turn is not run half-checked: its cases are reported
    /// as not executed, the other files run.
    @Test func fileChangedAfterCheckIsNotRun() throws {
        let directory = try TemporaryDirectory()
        let files = try Self.writeSuites(directory, files: 2, cases: 3)
        let wire = Wire()
        let server = try LoopbackServer(script: [.serve { wire.handle($0) }])
        let plan = try Self.planner(server.baseURL, budget: 0).plan(files: files)
        try directory.write(
            #"{"name": "s1", "cases": [{"name": "c0", "request": {"path": "/edited"}}]}"#, to: "Suites/s1.jsonc")
        let result = Self.run(plan, target: server.baseURL, parallel: 2)
        #expect(result.cases.map(\.verdict) == [.passed, .passed, .passed, .error, .error, .error])
        #expect(result.cases.map(\.name) == ["c0", "c1", "c2", "c0", "c1", "c2"])
        #expect(result.cases[3].reason?.contains("changed after it was checked") == true)
        // The console says why, under the case's line.
        #expect(ConsoleReporter.failureDetails(result.cases[3]).first == result.cases[3].reason)
        #expect(wire.requestCount == 3)
        #expect(result.summary.exitCode == 3)
    }

    /// Records the order cases are delivered in.
    final class Order: RunObserver, @unchecked Sendable {
        // @unchecked: the scheduler calls observers one at a time.
        private(set) var names: [String] = []
        private(set) var indices: [Int] = []
        /// How many cases had been delivered at each end of a round.
        private(set) var rounds: [Int] = []
        func caseFinished(_ result: CaseResult, index: Int, of total: Int) {
            names.append("\(result.suite)/\(result.name)")
            indices.append(index)
        }
        func casesDelivered() { rounds.append(names.count) }
        func runFinished(_ result: RunResult) {}
    }
}
