/// Hands out a plan's cases in run order, holding one suite's cases at a time: a streamed
/// suite is read from its file when the cursor reaches it, and each case is let go as it is
/// handed out. Not thread-safe; the scheduler lets one worker at a time pull from it.
struct PlanCursor {
    /// One case to run, with its suite's header; `failure` says why it cannot run.
    struct Item {
        let suite: PlannedSuite
        let testCase: TestCase
        let failure: String?
    }

    private var suites: [PlannedSuite]
    private var suiteIndex = 0
    /// The current suite's header (no cases), shared by its items.
    private var header: PlannedSuite?
    /// The current suite's remaining cases, last one first, so handing one out releases it.
    private var pending: [TestCase] = []
    private var failure: String?

    init(_ plan: RunPlan) {
        suites = plan.suites
    }

    /// The next case, or nil when every case was handed out.
    mutating func next() -> Item? {
        while pending.isEmpty {
            guard suiteIndex < suites.count else {
                header = nil
                return nil
            }
            open(suiteIndex)
            suiteIndex += 1
        }
        guard let header, let testCase = pending.popLast() else { return nil }
        return Item(suite: header, testCase: testCase, failure: failure)
    }

    /// Makes suite `index` current, loading its cases when they are not in memory.
    private mutating func open(_ index: Int) {
        var planned = suites[index]
        // The cursor owns the cases from here on; the plan's copy no longer keeps them alive.
        suites[index].cases = []
        failure = nil
        var cases = planned.cases
        if planned.isStreamed {
            do {
                cases = try Planner.reload(planned)
            } catch {
                failure = error.description
                cases = planned.selection.map { TestCase(placeholderNamed: $0.name, in: planned.suite) }
            }
        }
        planned.cases = []
        header = planned
        pending = cases.reversed()
    }
}

extension TestCase {
    /// Stands for a selected case whose file could not be read again; it is reported, never run.
    init(placeholderNamed name: String, in suite: Suite) {
        self.init(
            name: name, tags: [], steps: [], exclusive: false, skip: nil, replay: nil, rateLimit: nil,
            deferredReplay: nil, deferredRateLimit: nil, exclusiveWritten: nil, location: suite.location)
    }
}
