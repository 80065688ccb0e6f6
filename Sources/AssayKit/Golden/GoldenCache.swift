import Foundation

/// Goldens a run has already read and parsed, shared by its workers: a pack reuses one golden
/// for many cases, and reading and parsing it per case was the largest cost of a passing run.
/// A write through the store drops the entry, so recording never serves a stale golden.
public final class GoldenCache: @unchecked Sendable {
    // @unchecked: both dictionaries are guarded by `lock`.
    private let lock = NSLock()
    private var goldens: [String: Golden?] = [:]
    private var expectations: [String: Expectation] = [:]
    // The path asked for last, with what it found: consecutive cases mostly share a golden, and
    // comparing the path beats hashing it (≈ 300 instructions a lookup) into either dictionary.
    private var recentGolden: (path: String, golden: Golden?)?
    private var recentExpectation: (path: String, expectation: Expectation)?

    public init() {}

    /// The golden at `path` (nil when absent), loaded once.
    func golden(_ path: String, load: () throws(Diagnostic) -> Golden?) throws(Diagnostic) -> Golden? {
        let cached = lock.withLock { () -> Golden?? in
            if let recentGolden, recentGolden.path == path { return .some(recentGolden.golden) }
            guard let found = goldens[path] else { return nil }
            recentGolden = (path, found)
            return found
        }
        if let cached { return cached }
        let loaded = try load()
        lock.withLock { goldens[path] = .some(loaded) }
        return loaded
    }

    /// The parsed expectation of a JSON golden, parsed once.
    func expectation(_ path: String, parse: () throws(DiagnosticList) -> Expectation) throws(DiagnosticList)
        -> Expectation
    {
        let cached = lock.withLock { () -> Expectation? in
            if let recentExpectation, recentExpectation.path == path { return recentExpectation.expectation }
            guard let found = expectations[path] else { return nil }
            recentExpectation = (path, found)
            return found
        }
        if let cached { return cached }
        let parsed = try parse()
        lock.withLock { expectations[path] = parsed }
        return parsed
    }

    /// Forgets `path` after it was written.
    func invalidate(_ path: String) {
        lock.withLock {
            goldens[path] = nil
            expectations[path] = nil
            if recentGolden?.path == path { recentGolden = nil }
            if recentExpectation?.path == path { recentExpectation = nil }
        }
    }
}
