import Foundation

/// Merges the JSON reports of a sharded run into the one report the whole run would have
/// produced: suites merged by file (in file order), cases ordered by their line, counts
/// recomputed. A case reported by two shards is refused, since it means the shards overlap.
public enum ReportMerger {
    /// Why shard reports cannot be merged.
    public struct MergeError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// The merged result of `shards`; they must share target and mode and not overlap.
    public static func merge(_ shards: [RunResult]) throws(MergeError) -> RunResult {
        guard let first = shards.first else { throw MergeError(description: "no reports to merge") }
        for shard in shards.dropFirst() {
            if shard.target != first.target {
                throw MergeError(
                    description: "reports ran against different targets: \(first.target) and \(shard.target)")
            }
            if shard.mode != first.mode {
                throw MergeError(
                    description: "reports ran in different modes: \(first.mode.rawValue) and \(shard.mode.rawValue)")
            }
        }
        var suites: [String: SuiteResult] = [:]
        var seen: [String: String] = [:]
        for (index, shard) in shards.enumerated() {
            let origin = shard.shard.map { "shard \($0)" } ?? "report \(index + 1)"
            for suite in shard.suites {
                for testCase in suite.cases {
                    let key = "\(suite.file)\u{1F}\(testCase.suite)\u{1F}\(testCase.name)"
                    if let other = seen[key] {
                        throw MergeError(
                            description:
                                "case \"\(testCase.suite)/\(testCase.name)\" (\(testCase.location)) is in both \(other) and \(origin): the shards overlap"
                        )
                    }
                    seen[key] = origin
                }
                if var merged = suites[suite.file] {
                    merged.cases += suite.cases
                    suites[suite.file] = merged
                } else {
                    suites[suite.file] = suite
                }
            }
        }
        let ordered = suites.values.sorted { $0.file < $1.file }.map { suite in
            var suite = suite
            suite.cases.sort {
                ($0.location.line, $0.location.column, $0.name) < ($1.location.line, $1.location.column, $1.name)
            }
            return suite
        }
        var variables: [String: String] = [:]
        for shard in shards { variables.merge(shard.variables) { old, _ in old } }
        let cases = ordered.flatMap(\.cases)
        var result = first
        result.startedAt = shards.map(\.startedAt).min() ?? first.startedAt
        // Shards run side by side, so the run took as long as its slowest shard.
        result.durationMs = shards.map(\.durationMs).max() ?? 0
        result.suites = ordered
        result.summary = RunSummary(cases: cases)
        result.variables = variables
        result.secretNames = Array(Set(shards.flatMap(\.secretNames))).sorted()
        result.interrupted = shards.contains(where: \.interrupted)
        result.shard = nil
        // Each shard validated its own exchanges against the same description.
        let openAPI = shards.compactMap(\.openAPISummary)
        result.openAPISummary = openAPI.first.map { first in openAPI.dropFirst().reduce(first) { $0 + $1 } }
        return result
    }
}
