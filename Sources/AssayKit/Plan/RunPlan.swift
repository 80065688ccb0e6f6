import Foundation

/// What a run will execute, decided before any request is sent: the selected cases of
/// each suite with their resolved variables, and one redactor that knows every secret.
///
/// A plan built from files holds its cases only while they fit a budget; beyond it each
/// suite keeps just its header and the positions of its selected cases, and `PlanCursor`
/// loads the file again when the run reaches it, so memory does not grow with the suites.
public struct RunPlan: Sendable {
    public var suites: [PlannedSuite]
    /// Masks every secret known before the run; captured secrets are added per case.
    public var redactor: Redactor
    /// The run-level variables (config and command line), for the report and replay.
    public var runVariables: VariableScope
    /// The slice of the cases this run executes, when sharded.
    public var shard: Shard?
    /// For an offline plan (`assay lint`): the environment variables a run of this selection
    /// would refuse to start without.
    public var missingEnvironment: [Diagnostic] = []

    /// The number of cases that will be reported (run or skipped).
    public var caseCount: Int { suites.reduce(0) { $0 + $1.selection.count } }

    /// Whether any planned suite declares its own trace-id policy.
    public var declaresTracePolicy: Bool { suites.contains { $0.suite.trace != nil } }
}

/// A suite with the cases selected for this run.
public struct PlannedSuite: Sendable {
    /// The suite's header (name, file, tags, defaults, trace policy); its `cases` stay empty,
    /// so the selected cases are not held twice.
    public var suite: Suite
    /// The suite's variables resolved over the run's (kept, so a reload sees the same values).
    public var scope: VariableScope
    /// The selected cases, in run order, while they are in memory; empty when the suite is
    /// streamed from its file (see `isStreamed`).
    public var cases: [TestCase]
    /// Which cases of the file are selected, in run order: enough to find them again.
    public var selection: [SelectedCase]
    /// Identifies the file's text as planned, so a reload notices a file edited meanwhile.
    public var fingerprint: UInt64?
    /// The config's JSON-valued variables, spliced again when the file is reloaded.
    public var splices = JSONSplices()
    /// The profile's claims, applied again when the file is reloaded.
    public var claims: ClauseClaims?

    /// Whether the selected cases must be loaded from the file when the run reaches them.
    public var isStreamed: Bool { cases.count != selection.count }

    /// Drops the cases from memory; the run reloads them from the file.
    mutating func stream() {
        cases = []
    }
}

/// One selected case: its position in the suite file and its name.
public struct SelectedCase: Sendable, Hashable {
    public var index: Int
    public var name: String
}

/// Which cases a run selects.
public struct CaseFilter: Sendable {
    /// Run only cases carrying at least one of these tags (a suite's tags count for its cases).
    public var tags: [String] = []
    /// Skip cases carrying any of these tags.
    public var skipTags: [String] = []
    /// Run only cases whose `suite/case` name matches this regular expression.
    public var namePattern: String? {
        didSet { regex = namePattern.flatMap { try? CompiledRegex($0) } }
    }
    /// Compiled once: filtering runs for every case of every file.
    private var regex: CompiledRegex?

    public init(tags: [String] = [], skipTags: [String] = [], namePattern: String? = nil) {
        self.tags = tags
        self.skipTags = skipTags
        self.namePattern = namePattern
        self.regex = namePattern.flatMap { try? CompiledRegex($0) }
    }

    /// Whether `testCase` of `suite` is selected.
    public func selects(_ testCase: TestCase, in suite: Suite) -> Bool {
        if !tags.isEmpty || !skipTags.isEmpty {
            let tags = Set(testCase.tags + suite.tags)
            if !self.tags.isEmpty && tags.isDisjoint(with: self.tags) { return false }
            if !tags.isDisjoint(with: skipTags) { return false }
        }
        if namePattern != nil {
            let name = "\(suite.name)/\(testCase.name)"
            guard let regex, regex.found(in: name) else { return false }
        }
        return true
    }
}
