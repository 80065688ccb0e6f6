import Foundation

/// One run as the history keeps it: when, which revision, the counts, the duration and
/// each case's verdict. Written as one JSON line, so the file can be appended to and read
/// back without loading every report.
public struct HistoryEntry: Sendable, Codable, Equatable {
    /// When the run started.
    public var time: Date
    /// The code revision the run tested (`ASSAY_REVISION` or `GITHUB_SHA`), if known;
    /// flaky detection only compares runs whose revisions are known and equal.
    public var revision: String?
    public var passed: Int
    public var failed: Int
    public var errors: Int
    public var skipped: Int
    /// Cases that ran but could not observe their contract; nil in entries written before the verdict existed.
    public var notExercised: Int? = nil
    public var durationMs: Double
    /// `suite/case` → verdict.
    public var cases: [String: Verdict]

    /// Creates an entry from explicit values (tests craft histories this way).
    public init(
        time: Date, revision: String?, passed: Int, failed: Int, errors: Int, skipped: Int, durationMs: Double,
        cases: [String: Verdict]
    ) {
        self.time = time
        self.revision = revision
        self.passed = passed
        self.failed = failed
        self.errors = errors
        self.skipped = skipped
        self.durationMs = durationMs
        self.cases = cases
    }

    /// The entry for `result`.
    public init(_ result: RunResult, revision: String?) {
        var cases: [String: Verdict] = [:]
        for testCase in result.cases { cases[Self.key(testCase)] = testCase.verdict }
        self.init(
            time: result.startedAt, revision: revision, passed: result.summary.passed, failed: result.summary.failed,
            errors: result.summary.errors, skipped: result.summary.skipped, durationMs: result.durationMs, cases: cases)
        if result.summary.notExercised > 0 { notExercised = result.summary.notExercised }
    }

    /// The key a case is recorded under: `suite/case`.
    public static func key(_ testCase: CaseResult) -> String { "\(testCase.suite)/\(testCase.name)" }

    /// Passed cases over cases that ran, from 0 to 1 (1 when none ran).
    public var passRate: Double {
        let ran = passed + failed + errors
        return ran == 0 ? 1 : Double(passed) / Double(ran)
    }
}

/// The run history file: JSON lines, oldest first, bounded to the last N runs.
/// Parsing and rendering are pure; `HistoryFileWriter` does the file I/O.
public enum RunHistory {
    /// How many runs the file keeps unless told otherwise (`--history-limit`).
    public static let defaultLimit = 50

    /// The entries of a history file's text, oldest first; lines that do not parse (a
    /// truncated write, a hand edit) are skipped rather than losing the whole history.
    public static func parse(_ text: String) -> [HistoryEntry] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            try? decoder.decode(HistoryEntry.self, from: Data(line.utf8))
        }
    }

    /// The file text for `entries`, keeping only the newest `limit`.
    public static func render(_ entries: [HistoryEntry], limit: Int = defaultLimit) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return trimmed(entries, limit: limit).compactMap { entry in
            (try? encoder.encode(entry)).map { String(decoding: $0, as: UTF8.self) + "\n" }
        }.joined()
    }

    /// `entries` plus `entry`, keeping only the newest `limit`.
    public static func appending(_ entry: HistoryEntry, to entries: [HistoryEntry], limit: Int = defaultLimit)
        -> [HistoryEntry]
    {
        trimmed(entries + [entry], limit: limit)
    }

    /// The newest `limit` entries (at least one is always kept).
    public static func trimmed(_ entries: [HistoryEntry], limit: Int) -> [HistoryEntry] {
        Array(entries.suffix(max(1, limit)))
    }
}
