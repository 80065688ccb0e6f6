/// How compatible a target is, clause by clause: cases are grouped by contract clause
/// (a `clause:NAME` tag, else their suite) and a clause holds when every case of it that
/// ran passed. Skipped cases do not count; a clause whose cases were all skipped is left
/// out of the score rather than counted as held or broken. A clause none of whose cases failed
/// but one of which was not exercised is itself not exercised: counted apart, never as held.
///
/// A score means something only for a contract pack: when no case carries a `clause:` tag,
/// `applies` is false and no report shows a score, a clause table or a score badge.
public struct CompatibilityScore: Sendable, Encodable, Equatable {
    /// The tag prefix that assigns a case to a clause other than its suite.
    public static let tagPrefix = "clause:"

    /// One clause and the verdicts of its cases.
    public struct Clause: Sendable, Encodable, Equatable {
        /// The clause name: the text after `clause:` in a tag, or the suite name.
        public var name: String
        /// Cases of this clause that ran (passed, failed or could not be executed).
        public var cases: Int
        /// Cases of this clause that passed.
        public var passedCases: Int
        /// Cases of this clause that were skipped.
        public var skippedCases: Int
        /// `suite/case` of every case that did not pass (failed or error).
        public var failing: [String]
        /// `suite/case: reason` of every case that was not exercised.
        public var notExercised: [String] = []

        /// The clause's own verdict: failed if a case failed, else not exercised if a case could
        /// not observe its contract, else passed if a case passed, else skipped.
        public var verdict: Verdict {
            if !failing.isEmpty { return .failed }
            if !notExercised.isEmpty { return .notExercised }
            return cases > 0 ? .passed : .skipped
        }
        /// Whether the clause holds: at least one case ran, every one passed.
        public var passed: Bool { verdict == .passed }
        /// Whether the clause counts in the score (it held or broke).
        public var scored: Bool { verdict == .passed || verdict == .failed }

        enum Key: String, CodingKey {
            case name, verdict, passed, scored, cases, passedCases, skippedCases, failing, notExercised
        }

        /// Encodes the stored counts and the derived verdict, so JSON readers need not recompute it.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(name, forKey: .name)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(passed, forKey: .passed)
            try container.encode(scored, forKey: .scored)
            try container.encode(cases, forKey: .cases)
            try container.encode(passedCases, forKey: .passedCases)
            try container.encode(skippedCases, forKey: .skippedCases)
            try container.encode(failing, forKey: .failing)
            try container.encode(notExercised, forKey: .notExercised)
        }
    }

    /// What the score is about, e.g. `OpenAI` in `OpenAI compatibility: 37/40 clauses`.
    public var label: String
    /// Every clause, in the order its first case appears in the run.
    public var clauses: [Clause]
    /// Whether any case carries a `clause:` tag; without one a suite is not a contract pack
    /// and the score (every clause a suite's name) would only restate the suite table.
    public var applies: Bool

    /// Groups `result`'s cases into clauses.
    public init(_ result: RunResult, label: String = "Contract") {
        self.label = label
        var clauses: [Clause] = []
        var position: [String: Int] = [:]
        var tagged = false
        // Suite by suite, without a flattened copy of every case (this runs at the end of every run).
        for suite in result.suites {
            for testCase in suite.cases {
                if !tagged { tagged = testCase.tags.contains { $0.hasPrefix(Self.tagPrefix) } }
                for name in Self.clauseNames(of: testCase) {
                    let index: Int
                    if let known = position[name] {
                        index = known
                    } else {
                        index = clauses.count
                        position[name] = index
                        clauses.append(Clause(name: name, cases: 0, passedCases: 0, skippedCases: 0, failing: []))
                    }
                    switch testCase.verdict {
                    // A case an interruption kept from running says nothing about its clause.
                    case .skipped, .notRun: clauses[index].skippedCases += 1
                    case .passed:
                        clauses[index].cases += 1
                        clauses[index].passedCases += 1
                    case .failed, .error:
                        clauses[index].cases += 1
                        clauses[index].failing.append("\(testCase.suite)/\(testCase.name)")
                    case .notExercised:
                        clauses[index].notExercised.append(
                            "\(testCase.suite)/\(testCase.name): \(testCase.notExercisedReason)")
                    }
                }
            }
        }
        self.clauses = clauses
        applies = tagged
    }

    /// The clauses a case belongs to: each `clause:` tag, or its suite when it has none.
    public static func clauseNames(of testCase: CaseResult) -> [String] {
        var names: [String] = []
        for tag in testCase.tags where tag.hasPrefix(tagPrefix) {
            let name = String(tag.dropFirst(tagPrefix.count))
            if !name.isEmpty, !names.contains(name) { names.append(name) }
        }
        return names.isEmpty ? [testCase.suite] : names
    }

    /// Clauses that hold.
    public var passed: Int { clauses.filter(\.passed).count }
    /// Clauses that count (at least one case ran).
    public var total: Int { clauses.filter(\.scored).count }
    /// Clauses that were not exercised (outside `total`: neither held nor broken).
    public var notExercised: Int { clauses.filter { $0.verdict == .notExercised }.count }
    /// Held clauses over counted clauses, from 0 to 1; 1 when nothing counted.
    public var ratio: Double { total == 0 ? 1 : Double(passed) / Double(total) }

    /// `Label compatibility: P/T clauses`, then `, N not exercised` when any were, the line every report shows.
    public var line: String {
        let line = "\(label) compatibility: \(passed)/\(total) clauses"
        return notExercised > 0 ? line + ", \(notExercised) not exercised" : line
    }

    enum Key: String, CodingKey { case label, passed, total, notExercised, line, clauses }

    /// Encodes the label, the derived counts and line, and the clauses.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(label, forKey: .label)
        try container.encode(passed, forKey: .passed)
        try container.encode(total, forKey: .total)
        try container.encode(notExercised, forKey: .notExercised)
        try container.encode(line, forKey: .line)
        try container.encode(clauses, forKey: .clauses)
    }
}
