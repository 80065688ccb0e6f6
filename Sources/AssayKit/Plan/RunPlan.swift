import Foundation

/// What a run will execute, decided before any request is sent: the selected cases of
/// each suite with their resolved variables, and one redactor that knows every secret.
public struct RunPlan: Sendable {
    public var suites: [PlannedSuite]
    /// Masks every secret known before the run; captured secrets are added per case.
    public var redactor: Redactor
    /// The run-level variables (config and command line), for the report and replay.
    public var runVariables: VariableScope
    /// The slice of the cases this run executes, when sharded.
    public var shard: Shard?

    /// The number of cases that will be reported (run or skipped).
    public var caseCount: Int { suites.reduce(0) { $0 + $1.cases.count } }
}

/// A suite with the cases selected for this run.
public struct PlannedSuite: Sendable {
    public var suite: Suite
    /// The suite's variables resolved over the run's.
    public var scope: VariableScope
    public var cases: [TestCase]
}

/// Which cases a run selects.
public struct CaseFilter: Sendable {
    /// Run only cases carrying at least one of these tags (a suite's tags count for its cases).
    public var tags: [String] = []
    /// Skip cases carrying any of these tags.
    public var skipTags: [String] = []
    /// Run only cases whose `suite/case` name matches this regular expression.
    public var namePattern: String?

    public init(tags: [String] = [], skipTags: [String] = [], namePattern: String? = nil) {
        self.tags = tags
        self.skipTags = skipTags
        self.namePattern = namePattern
    }

    /// Whether `testCase` of `suite` is selected.
    public func selects(_ testCase: TestCase, in suite: Suite) -> Bool {
        let tags = Set(testCase.tags + suite.tags)
        if !self.tags.isEmpty && tags.isDisjoint(with: self.tags) { return false }
        if !tags.isDisjoint(with: skipTags) { return false }
        if let namePattern {
            let name = "\(suite.name)/\(testCase.name)"
            guard let regex = try? NSRegularExpression(pattern: namePattern),
                regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
            else { return false }
        }
        return true
    }
}
