import Foundation

/// Goldens a run has already read and parsed, shared by its workers: a pack reuses one golden
/// for many cases, and reading and parsing it per case was the largest cost of a passing run.
/// A write through the store drops the entry, so recording never serves a stale golden.
public final class GoldenCache: @unchecked Sendable {
    // @unchecked: both dictionaries are guarded by `lock`.
    private let lock = NSLock()
    private var goldens = RecentFirstDictionary<String, Golden?>()
    private var expectations = RecentFirstDictionary<String, Expectation>()

    public init() {}

    /// The golden at `path` (nil when absent), loaded once.
    func golden(_ path: String, load: () throws(Diagnostic) -> Golden?) throws(Diagnostic) -> Golden? {
        if let cached = lock.withLock({ goldens.value(for: path) }) { return cached }
        let loaded = try load()
        lock.withLock { goldens.set(loaded, for: path) }
        return loaded
    }

    /// The parsed expectation of a JSON golden, parsed once.
    func expectation(_ path: String, parse: () throws(DiagnosticList) -> Expectation) throws(DiagnosticList)
        -> Expectation
    {
        if let cached = lock.withLock({ expectations.value(for: path) }) { return cached }
        let parsed = try parse()
        lock.withLock { expectations.set(parsed, for: path) }
        return parsed
    }

    /// Forgets `path` after it was written.
    func invalidate(_ path: String) {
        lock.withLock {
            goldens.remove(path)
            expectations.remove(path)
        }
    }
}
