import Foundation

/// Gathers a run's case results into their suites, in plan order, as they are delivered; after an
/// interruption it lists every case that was not delivered as `notRun`. It is read from two
/// threads: the one delivering results, and a signal's thread that must write the reports of an
/// unfinished run (`snapshot`), hence the lock.
final class ResultCollector: @unchecked Sendable {
    // @unchecked: every member below is guarded by `lock`.
    private let lock = NSLock()
    private var suites: [SuiteResult]
    private var summary = RunSummary()
    /// Where each suite's cases start in the plan, and one past the last case.
    private let boundaries: [Int]
    private var currentSuite = 0
    /// How many cases were delivered: always a prefix of the plan, since delivery keeps plan order.
    private var delivered = 0
    /// What a case never delivered is listed with: its suite's header and selection.
    private let headers: [NotRunHeader]

    /// A planned suite's header, enough to list its cases as not run: its name, file, tags, the
    /// selected cases' names, and their locations when the plan held the cases (else the suite's).
    struct NotRunHeader: Sendable {
        let name: String
        let location: SourceLocation
        let tags: [String]
        let caseNames: [String]
        let caseLocations: [SourceLocation]
        let caseTags: [[String]]
    }

    init(plan: RunPlan) {
        suites = plan.suites.map { planned in
            var cases: [CaseResult] = []
            cases.reserveCapacity(planned.selection.count)
            return SuiteResult(name: planned.suite.name, file: planned.suite.file, cases: cases)
        }
        boundaries = plan.suites.reduce(into: [0]) { $0.append($0.last! + $1.selection.count) }
        headers = plan.suites.map { planned in
            let loaded = planned.isStreamed ? [] : planned.cases
            return NotRunHeader(
                name: planned.suite.name, location: planned.suite.location, tags: planned.suite.tags,
                caseNames: planned.selection.map(\.name), caseLocations: loaded.map(\.location),
                caseTags: loaded.map { CaseProgress.tags($0.tags, planned.suite.tags) })
        }
    }

    /// Adds the result at plan position `index` (the next one; results arrive in plan order).
    func add(_ result: CaseResult, index: Int) {
        lock.withLock {
            // An interrupted run leaves later suites empty.
            while currentSuite + 1 < boundaries.count - 1, index >= boundaries[currentSuite + 1] {
                currentSuite += 1
            }
            suites[currentSuite].cases.append(result)
            summary.add(result.verdict)
            delivered = index + 1
        }
    }

    /// Lists every case not delivered yet as `notRun` with `reason`, telling `listed` of each in plan
    /// order (the observers print and count them as any other case).
    func listUndelivered(reason: String, listed: (Int, CaseResult) -> Void) {
        let missing = lock.withLock { notRun(from: delivered, reason: reason) }
        for (index, result) in missing {
            add(result, index: index)
            listed(index, result)
        }
    }

    /// The suites and counts gathered so far.
    var gathered: (suites: [SuiteResult], summary: RunSummary) {
        lock.withLock { (suites, summary) }
    }

    /// The suites and counts so far, with every case not delivered yet listed as not run: what a
    /// second signal writes while the run is still winding down. Changes nothing.
    func snapshot(reason: String) -> (suites: [SuiteResult], summary: RunSummary) {
        lock.withLock {
            var suites = self.suites
            var summary = self.summary
            var suite = currentSuite
            for (index, result) in notRun(from: delivered, reason: reason) {
                while index >= boundaries[suite + 1] { suite += 1 }
                suites[suite].cases.append(result)
                summary.add(result.verdict)
            }
            return (suites, summary)
        }
    }

    /// Call with `lock` held: the cases from plan position `from` on, each as not run.
    private func notRun(from: Int, reason: String) -> [(Int, CaseResult)] {
        let now = Date()
        var listed: [(Int, CaseResult)] = []
        for suite in headers.indices where boundaries[suite + 1] > from {
            let header = headers[suite]
            for offset in max(from - boundaries[suite], 0)..<header.caseNames.count {
                var result = CaseResult.neverStarted(
                    suite: header.name, name: header.caseNames[offset],
                    tags: offset < header.caseTags.count ? header.caseTags[offset] : header.tags,
                    location: offset < header.caseLocations.count ? header.caseLocations[offset] : header.location,
                    at: now)
                result.reason = reason
                listed.append((boundaries[suite] + offset, result))
            }
        }
        return listed
    }
}
