/// One clause × target table built from the JSON reports of runs against several servers, for a
/// vendor comparing compatibility: each cell is the worst verdict among the clause's cases on that
/// target, with the counts and a one-line reason taken from the case that gave it. Clauses are
/// grouped as the compatibility score groups them, so the matrix and each run's score agree.
public struct CompatibilityMatrix: Sendable, Equatable {
    /// One run: the column's name and the result it read.
    public struct Target: Sendable {
        public var name: String
        public var result: RunResult

        public init(name: String, result: RunResult) {
            self.name = name
            self.result = result
        }
    }

    /// One column's header facts.
    public struct Column: Sendable, Equatable {
        public var name: String
        /// The base URL the run was pointed at.
        public var target: String
        public var mode: PolicyMode
        /// The run's score line, e.g. `Contract compatibility: 9/11 clauses, 1 not exercised`.
        public var score: String
        public var passedClauses: Int
        public var scoredClauses: Int
        public var notExercisedClauses: Int
        public var interrupted: Bool
    }

    /// Cases of one clause on one target, by verdict.
    public struct Counts: Sendable, Equatable {
        public var passed = 0
        public var failed = 0
        public var errors = 0
        public var notExercised = 0
        public var skipped = 0
        /// Cases an interrupted run never finished.
        public var notRun = 0

        public var total: Int { passed + failed + errors + notExercised + skipped + notRun }

        mutating func add(_ verdict: Verdict) {
            switch verdict {
            case .passed: passed += 1
            case .failed: failed += 1
            case .error: errors += 1
            case .notExercised: notExercised += 1
            case .skipped: skipped += 1
            case .notRun: notRun += 1
            }
        }

        /// `1 failed, 3 passed of 4`: the non-zero counts, worst first.
        public var text: String {
            let parts = [
                (failed, "failed"), (errors, "not executed"), (notExercised, "not exercised"), (passed, "passed"),
                (skipped, "skipped"), (notRun, "not run"),
            ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
            return parts.joined(separator: ", ") + " of \(total)"
        }
    }

    /// One clause on one target.
    public struct Cell: Sendable, Equatable {
        /// The worst verdict among the clause's cases; nil when the run had no case of the clause.
        public var verdict: Verdict?
        public var counts: Counts
        /// `suite/case` of the case that gave the verdict, when one case stands for the cell.
        public var worstCase: String?
        /// One line: why the cell has its verdict.
        public var reason: String

        /// How a reader sees the verdict: `passed`, `failed`, `not exercised`, `skipped`,
        /// `not executed` (the case could not run), or `not run` (no case of the clause).
        public var label: String {
            switch verdict {
            case nil: "not run"
            case .error: "not executed"
            case let verdict?: verdict.label
            }
        }
    }

    /// One clause: its name and a cell per target, in column order.
    public struct Row: Sendable, Equatable {
        public var clause: String
        public var cells: [Cell]
    }

    /// The longest reason a cell keeps; the reports of the run hold the rest.
    public static let reasonLimit = 240

    public var columns: [Column]
    /// Every clause of any report, in the order it first appears (first report first).
    public var rows: [Row]

    /// The matrix of `targets`, in the given column order.
    public init(_ targets: [Target], scoreLabel: String = "Contract") {
        columns = targets.map { target in
            let score = CompatibilityScore(target.result, label: scoreLabel)
            return Column(
                name: target.name, target: target.result.target, mode: target.result.mode, score: score.line,
                passedClauses: score.passed, scoredClauses: score.total, notExercisedClauses: score.notExercised,
                interrupted: target.result.interrupted)
        }
        var order: [String] = []
        var casesByClause: [[String: [CaseResult]]] = []
        for target in targets {
            var grouped: [String: [CaseResult]] = [:]
            for testCase in target.result.cases {
                for clause in CompatibilityScore.clauseNames(of: testCase) {
                    if grouped[clause] == nil, !order.contains(clause) { order.append(clause) }
                    grouped[clause, default: []].append(testCase)
                }
            }
            casesByClause.append(grouped)
        }
        rows = order.map { clause in
            Row(clause: clause, cells: casesByClause.map { Self.cell(of: $0[clause] ?? []) })
        }
    }

    /// The cell for a clause's cases on one target.
    static func cell(of cases: [CaseResult]) -> Cell {
        guard let first = cases.first else {
            return Cell(verdict: nil, counts: Counts(), worstCase: nil, reason: "no case of this clause in the run")
        }
        var counts = Counts()
        var worst = first
        for testCase in cases {
            counts.add(testCase.verdict)
            if testCase.verdict.combined(with: worst.verdict) == testCase.verdict, testCase.verdict != worst.verdict {
                worst = testCase
            }
        }
        let name = "\(worst.suite)/\(worst.name)"
        switch worst.verdict {
        case .passed:
            return Cell(verdict: .passed, counts: counts, worstCase: nil, reason: "every case that ran passed")
        case .skipped:
            // Every case was skipped: one shared reason says it all, else the first one stands for them.
            let reasons = Set(cases.map { $0.reason ?? "skipped" })
            let reason = reasons.count == 1 ? reasons.first! : (worst.reason ?? "skipped") + " (and other reasons)"
            return Cell(verdict: .skipped, counts: counts, worstCase: nil, reason: oneLine(reason))
        case .notExercised:
            return Cell(
                verdict: .notExercised, counts: counts, worstCase: name,
                reason: oneLine("\(name): \(worst.notExercisedReason)"))
        case .failed:
            let check = worst.failedChecks.first?.message ?? worst.reason ?? "a check failed"
            return Cell(verdict: .failed, counts: counts, worstCase: name, reason: oneLine("\(name): \(check)"))
        case .error:
            let why = worst.reason ?? worst.steps.lazy.compactMap(\.error).first ?? "could not be executed"
            return Cell(verdict: .error, counts: counts, worstCase: name, reason: oneLine("\(name): \(why)"))
        case .notRun:
            // The run was interrupted before the clause was judged: it says nothing about the target.
            return Cell(
                verdict: .notRun, counts: counts, worstCase: name,
                reason: oneLine("\(name): \(worst.reason ?? "not run: the run was interrupted")"))
        }
    }

    /// `text` on one line (runs of white space made one space), cut at `reasonLimit` characters.
    static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard flat.count > reasonLimit else { return flat }
        return String(flat.prefix(reasonLimit - 1)) + "…"
    }

    /// Cells with a verdict other than passed, by target: what a reader of the matrix must look into.
    public var findings: [(clause: String, target: String, cell: Cell)] {
        rows.flatMap { row in
            zip(columns, row.cells).filter { $0.1.verdict != .passed }.map { (row.clause, $0.0.name, $0.1) }
        }
    }
}
