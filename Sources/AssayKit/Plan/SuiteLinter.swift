/// Static checks beyond decoding, without sending a request: matchers parse, regexes
/// compile, goldens stay inside their root and parse. `assay lint` and `assay run`
/// both use it, so a broken matcher fails before the first request.
public struct SuiteLinter {
    public let goldens: GoldenStore
    /// False for `assay run`, where a missing golden is a case failure (or gets recorded).
    public let requireGoldens: Bool
    // Every case may name the same golden (and each step is linted once per policy mode),
    // so a golden that already loaded and parsed cleanly is not read and parsed again.
    private var cleanGoldens = Set<String>()
    private var cleanMatchers = Set<String>()
    /// Problems already reported, so one broken golden shared by many suites is reported once.
    private var reported = Set<String>()
    /// Things that are allowed but probably not meant: a step that expects nothing (it gets `2xx`).
    public private(set) var warnings: [Diagnostic] = []

    public init(goldens: GoldenStore, requireGoldens: Bool = true) {
        self.goldens = goldens
        self.requireGoldens = requireGoldens
    }

    /// Every new problem in one planned suite (its cases in memory); golden paths are resolved with its variables.
    public mutating func lint(_ planned: PlannedSuite) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        // By index, each expectation passed where it is: iterating would copy every case and step.
        for caseIndex in planned.cases.indices {
            for stepIndex in planned.cases[caseIndex].steps.indices {
                let step = planned.cases[caseIndex].steps[stepIndex]
                if step.expect.checksNothing {
                    warnings.append(
                        Diagnostic(
                            "step `\(step.name)` has no expectation, so it expects a 2xx status; write `\"expect\": {\"status\": \"any\"}` to accept any",
                            at: step.location))
                }
                lintStep(step.expect, scope: planned.scope, into: &problems)
            }
        }
        guard !problems.isEmpty else { return [] }
        return problems.filter { reported.insert($0.description).inserted }
    }

    /// The common block, plus each mode's view only where that mode has a block of its own.
    private mutating func lintStep(
        _ expect: ResponseExpectation, scope: VariableScope, into problems: inout [Diagnostic]
    ) {
        problems += lint(expect, scope: scope)
        if expect.strict != nil {
            problems += lint(expect.resolved(for: .strict), scope: scope)
        }
        if expect.permissive != nil {
            problems += lint(expect.resolved(for: .permissive), scope: scope)
        }
    }

    private mutating func lint(_ block: ResponseExpectation, scope: VariableScope) -> [Diagnostic] {
        // Nothing to resolve (nearly always): lint the block as it is, without a copy.
        guard block.usesVariablesOutsideBody else {
            return Self.lint(
                block, goldens: goldens, requireGoldens: requireGoldens, cleanGoldens: &cleanGoldens,
                cleanMatchers: &cleanMatchers)
        }
        // Captured variables are unknown before a run; such paths are checked when they run.
        guard var expectation = try? block.resolvingVariables(in: scope) else { return [] }
        expectation.location = block.location
        return Self.lint(
            expectation, goldens: goldens, requireGoldens: requireGoldens, cleanGoldens: &cleanGoldens,
            cleanMatchers: &cleanMatchers)
    }

    /// The problems of one expectation; `cleanGoldens` holds golden paths known to be fine, and
    /// gains this expectation's golden when it loads and parses without a problem; `cleanMatchers`
    /// likewise holds header matcher expressions that parsed (the same few recur in every case).
    static func lint(
        _ expectation: ResponseExpectation, goldens: GoldenStore, requireGoldens: Bool, cleanGoldens: inout Set<String>,
        cleanMatchers: inout Set<String>
    ) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if let body = expectation.body {
            do {
                _ = try Expectation(parsing: body)
            } catch {
                problems += error.diagnostics
            }
        }
        for rule in expectation.headers {
            if case .matcher(let expression) = rule.rule, !cleanMatchers.contains(expression) {
                do {
                    _ = try Matcher(parsing: expression, at: rule.location)
                    cleanMatchers.insert(expression)
                } catch {
                    problems.append(error)
                }
            }
        }
        if let text = expectation.bodyText {
            do throws(Diagnostic) {
                _ = try TextPattern(parsing: text, at: expectation.location)
            } catch {
                problems.append(error)
            }
        }
        if let golden = expectation.golden, !cleanGoldens.contains(golden) {
            let before = problems.count
            defer { if problems.count == before { cleanGoldens.insert(golden) } }
            do throws(Diagnostic) {
                switch try goldens.load(golden, at: expectation.goldenLocation) {
                case .json(let node)?:
                    do throws(DiagnosticList) {
                        _ = try Expectation(parsing: node)
                    } catch {
                        problems += error.diagnostics
                    }
                case .text(let text)?:
                    _ = try TextPattern(
                        parsing: text, at: SourceLocation(file: goldens.displayPath(golden), line: 1, column: 1))
                case nil where requireGoldens:
                    problems.append(
                        Diagnostic(
                            "golden \(golden) does not exist under \(goldens.root.path)",
                            at: expectation.goldenLocation,
                            hint: "record it with `assay run --record missing`"))
                case nil:
                    break
                }
            } catch {
                problems.append(error)
            }
        }
        return problems
    }
}
