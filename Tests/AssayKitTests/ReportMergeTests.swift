import Foundation
import Testing

@testable import AssayKit

/// Merging shard reports.
@Suite struct ReportMergeTests {
    /// Splits the fixture run's cases into `count` shards by position.
    static func shards(_ count: Int) -> [RunResult] {
        let full = ReportFixtures.run()
        return (0..<count).map { index in
            var shard = full
            var position = 0
            shard.suites = full.suites.map { suite in
                var suite = suite
                suite.cases = suite.cases.filter { _ in
                    defer { position += 1 }
                    return position % count == index
                }
                return suite
            }
            shard.summary = RunSummary(cases: shard.cases)
            shard.shard = "\(index + 1)/\(count)"
            return shard
        }
    }

    /// Shards merged (through their JSON reports, in any order) give back the full run: same
    /// suites, cases in line order, same counts, no case twice.
    @Test func mergeEqualsFullRun() throws {
        let full = ReportFixtures.run()
        let shards = try Self.shards(3).reversed().map { try JSONReport.read(Data(JSONReport.render($0).utf8)) }
        let merged = try ReportMerger.merge(shards)
        #expect(merged.suites.map(\.file) == full.suites.map(\.file))
        #expect(merged.cases.map { "\($0.suite)/\($0.name)" } == full.cases.map { "\($0.suite)/\($0.name)" })
        #expect(merged.summary == full.summary)
        #expect(merged.shard == nil)
        #expect(JUnitReport.render(merged) == JUnitReport.render(full))
    }

    /// A case found in two reports is refused: the shards overlap.
    @Test func duplicateCaseRefused() {
        let shards = Self.shards(2)
        #expect(throws: ReportMerger.MergeError.self) { try ReportMerger.merge([shards[0], shards[1], shards[0]]) }
        do {
            _ = try ReportMerger.merge([shards[0], shards[0]])
            Issue.record("merge accepted overlapping shards")
        } catch {
            #expect(error.description.contains("is in both shard 1/2 and shard 1/2"))
        }
    }

    /// Reports of different targets or modes are not shards of one run.
    @Test func mismatchedRunsRefused() {
        var shards = Self.shards(2)
        shards[1].target = "http://127.0.0.1:10"
        #expect(throws: ReportMerger.MergeError.self) { try ReportMerger.merge(shards) }
        shards = Self.shards(2)
        shards[1].mode = .permissive
        #expect(throws: ReportMerger.MergeError.self) { try ReportMerger.merge(shards) }
        #expect(throws: ReportMerger.MergeError.self) { try ReportMerger.merge([]) }
    }
}
