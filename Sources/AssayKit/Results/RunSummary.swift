/// Counts of a run, as printed on the last console line.
public struct RunSummary: Sendable, Codable, Equatable {
    public var passed = 0
    public var failed = 0
    public var errors = 0
    public var skipped = 0

    public init() {}

    public init(cases: some Sequence<CaseResult>) {
        for result in cases { add(result.verdict) }
    }

    public mutating func add(_ verdict: Verdict) {
        switch verdict {
        case .passed: passed += 1
        case .failed: failed += 1
        case .error: errors += 1
        case .skipped: skipped += 1
        }
    }

    public var total: Int { passed + failed + errors + skipped }

    /// `N passed, N failed, N skipped`; cases that could not run count as failed here
    /// and are named separately, so CI parsers that read this line see every bad case.
    public var line: String {
        "\(passed) passed, \(failed + errors) failed, \(skipped) skipped"
    }

    /// The process exit code for these counts: 3 if any case could not run, else 1 if any failed, else 0.
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
}
