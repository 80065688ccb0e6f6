/// Hands out a plan's suites in run order with their selected cases: a streamed suite is
/// read from its file when the cursor reaches it, so the caller holds one suite's cases at
/// a time. The cursor keeps no case it has handed out.
struct PlanCursor {
    /// One suite's turn: its header (no cases) and its cases in run order.
    struct Batch {
        let suite: PlannedSuite
        let cases: [TestCase]
        /// Why the cases cannot run (the file changed after it was checked), if so.
        let failure: String?
    }

    private var suites: [PlannedSuite]
    private var suiteIndex = 0

    init(_ plan: RunPlan) {
        suites = plan.suites
    }

    /// The next suite with cases, or nil when every suite was handed out.
    mutating func next() -> Batch? {
        while suiteIndex < suites.count {
            var planned = suites[suiteIndex]
            // The batch owns the cases from here on; the cursor's copy no longer keeps them alive.
            suites[suiteIndex].cases = []
            suiteIndex += 1
            guard !planned.selection.isEmpty else { continue }
            var cases = planned.cases
            var failure: String?
            if planned.isStreamed {
                do {
                    cases = try Planner.reload(planned)
                } catch {
                    failure = error.description
                    cases = planned.selection.map { TestCase(placeholderNamed: $0.name, in: planned.suite) }
                }
            }
            planned.cases = []
            return Batch(suite: planned, cases: cases, failure: failure)
        }
        return nil
    }
}

extension TestCase {
    /// Stands for a selected case whose file could not be read again; it is reported, never run.
    init(placeholderNamed name: String, in suite: Suite) {
        self.init(
            name: name, tags: [], steps: [], exclusive: false, skip: nil, replay: nil, rateLimit: nil,
            exclusiveWritten: nil, location: suite.location)
    }
}
