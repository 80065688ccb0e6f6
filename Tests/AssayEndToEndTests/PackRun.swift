import AssayKit
import AssayTestSupport
import Foundation

/// Runs the shipped OpenAI-compatibility pack with the real `assay` binary against a real
/// `assay-target`, started with the pack's reference settings and, optionally, one fault.
enum PackRun {
    /// The repository root (this file is `Tests/AssayEndToEndTests/PackRun.swift`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Tokens for the run; the target is told their scopes, the pack reads them from the environment.
    static let environment = [
        "ASSAY_TOKEN": "sk-matrix-full-\(UUID().uuidString.prefix(8))",
        "ASSAY_LIMITED_TOKEN": "sk-matrix-limited-\(UUID().uuidString.prefix(8))",
        "ASSAY_RATE_TOKEN": "sk-matrix-rate-\(UUID().uuidString.prefix(8))",
    ]

    /// What one run produced.
    struct Outcome {
        var exitCode: Int32
        /// `suite / case` of every case that failed or could not be executed.
        var notPassed: Set<String>
        /// `suite / case` of every case that could not observe its contract: neither pass nor failure.
        var notExercised: Set<String>
        /// `suite / case` of every case that could not be executed (reset, timeout): never a break.
        var errored: Set<String>
        /// `suite / case` of every case reported skipped (a profile's unclaimed clause, for one).
        var skipped: Set<String>
        var caseCount: Int
        var output: String
    }

    /// The target's flags for the pack: the shared settings file plus the three tokens and their scopes.
    static func targetArguments(mode: String, fault: String?) throws -> [String] {
        let shared = try String(
            contentsOf: root.appendingPathComponent("Suites/openai-compat/reference-target.args"), encoding: .utf8)
        var arguments = ["--mode", mode] + shared.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        arguments += [
            "--token", environment["ASSAY_TOKEN"]!,
            "--token", environment["ASSAY_LIMITED_TOKEN"]! + "=embeddings:write",
            "--token", environment["ASSAY_RATE_TOKEN"]! + "=models:read",
        ]
        if let fault { arguments += ["--fault", fault] }
        return arguments
    }

    /// The reference target's profile: the pack's variables and claims for it.
    static let referenceProfile = root.appendingPathComponent("Suites/openai-compat/profiles/reference-target.jsonc")

    /// Starts a target, runs the whole pack in `mode` against it with `profile` (a config file), and
    /// reads the JSON report.
    static func run(mode: String, fault: String? = nil, profile: URL = referenceProfile) throws -> Outcome {
        let target = try TargetProcess(arguments: targetArguments(mode: mode, fault: fault))
        defer { target.stop() }
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: report) }
        let outcome = try CLIRun.assay(
            [
                "run", "--config", profile.path, "--target", target.baseURL, "--mode", mode, "--json", report.path,
                "--no-color",
            ],
            environment: environment, directory: root, timeout: 180)
        let result = try JSONReport.read(Data(contentsOf: report))
        let notPassed = result.suites.flatMap { suite in
            suite.cases.filter { $0.verdict == .failed || $0.verdict == .error }.map { "\(suite.name) / \($0.name)" }
        }
        let skipped = result.suites.flatMap { suite in
            suite.cases.filter { $0.verdict == .skipped }.map { "\(suite.name) / \($0.name)" }
        }
        // A heartbeat case whose only gap fell while Assay itself was not scheduled (a loaded test
        // machine) claims nothing about the target either way, so no expectation counts it.
        let notExercised = result.suites.flatMap { suite in
            suite.cases.filter {
                $0.verdict == .notExercised && !$0.notExercisedReason.contains("Assay itself was not running")
            }.map { "\(suite.name) / \($0.name)" }
        }
        let errored = result.suites.flatMap { suite in
            suite.cases.filter { $0.verdict == .error }.map { "\(suite.name) / \($0.name)" }
        }
        return Outcome(
            exitCode: outcome.exitCode, notPassed: Set(notPassed), notExercised: Set(notExercised),
            errored: Set(errored), skipped: Set(skipped),
            caseCount: result.summary.total,
            output: outcome.stdout)
    }

    /// Runs `body` for every item on `width` threads at once (the runs mostly wait on sockets and timers).
    static func concurrently<Item: Sendable, Result: Sendable>(
        _ items: [Item], width: Int, _ body: @escaping @Sendable (Item) -> Result
    ) -> [Result] {
        // Plain threads, not a dispatch queue: the work blocks, and a queue may not add threads for it.
        let results = ResultBox<Result>(count: items.count)
        let slots = DispatchSemaphore(value: width)
        let group = DispatchGroup()
        for (index, item) in items.enumerated() {
            slots.wait()
            group.enter()
            let thread = Thread {
                results.set(index, body(item))
                slots.signal()
                group.leave()
            }
            thread.start()
        }
        group.wait()
        return results.values
    }

    private final class ResultBox<Value>: @unchecked Sendable {
        // @unchecked: guarded by `lock`.
        private let lock = NSLock()
        private var storage: [Value?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }
        var values: [Value] { lock.withLock { storage.compactMap { $0 } } }
    }
}
