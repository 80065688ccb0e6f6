/// Counts of a run, as printed on the last console line.
public struct RunSummary: Sendable, Codable, Equatable {
    public var passed = 0
    public var failed = 0
    public var errors = 0
    public var skipped = 0
    /// Cases that ran but could not observe what their contract is about: neither passed nor failed.
    public var notExercised = 0
    /// Cases an interruption kept from running (or cut short): no verdict on the target.
    public var notRun = 0

    public init() {}

    enum Key: String, CodingKey { case passed, failed, errors, skipped, notExercised, notRun }

    /// Reads reports written before `notExercised` existed as having none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        passed = try container.decode(Int.self, forKey: .passed)
        failed = try container.decode(Int.self, forKey: .failed)
        errors = try container.decode(Int.self, forKey: .errors)
        skipped = try container.decode(Int.self, forKey: .skipped)
        notExercised = try container.decodeIfPresent(Int.self, forKey: .notExercised) ?? 0
        notRun = try container.decodeIfPresent(Int.self, forKey: .notRun) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(passed, forKey: .passed)
        try container.encode(failed, forKey: .failed)
        try container.encode(errors, forKey: .errors)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(notExercised, forKey: .notExercised)
        try container.encode(notRun, forKey: .notRun)
    }

    public init(cases: some Sequence<CaseResult>) {
        for result in cases { add(result.verdict) }
    }

    public mutating func add(_ verdict: Verdict) {
        switch verdict {
        case .passed: passed += 1
        case .failed: failed += 1
        case .error: errors += 1
        case .skipped: skipped += 1
        case .notExercised: notExercised += 1
        case .notRun: notRun += 1
        }
    }

    public var total: Int { passed + failed + errors + skipped + notExercised + notRun }

    /// `N passed, N failed, N skipped`, then `, N not exercised` and `, N not run` when there are any;
    /// cases that could not run count as failed here and are named separately, so CI parsers that
    /// read this line see every bad case. `N passed, N failed` always opens the line.
    public var line: String {
        var line = "\(passed) passed, \(failed + errors) failed, \(skipped) skipped"
        if notExercised > 0 { line += ", \(notExercised) not exercised" }
        if notRun > 0 { line += ", \(notRun) not run" }
        return line
    }

    /// The process exit code for these counts: 3 if any case could not run, else 1 if any failed,
    /// else 0. A case that was not exercised broke nothing it could see, so alone it gives 0.
    public var exitCode: Int32 {
        if errors > 0 { return ExitCode.notExecuted }
        if failed > 0 { return ExitCode.contractFailed }
        return ExitCode.success
    }
}

/// Exit codes, one funnel for the whole tool.
public enum ExitCode {
    /// Every case passed.
    public static let success: Int32 = 0
    /// A contract failed.
    public static let contractFailed: Int32 = 1
    /// A usage or suite error: nothing was run.
    public static let usageOrSuite: Int32 = 2
    /// A case could not be executed (connection, TLS, timeout).
    public static let notExecuted: Int32 = 3
    /// The run was interrupted: 128 + the signal's number, as shells report it (SIGINT 130, SIGTERM 143).
    public static func interrupted(bySignal signal: Int32) -> Int32 { 128 + signal }
}
