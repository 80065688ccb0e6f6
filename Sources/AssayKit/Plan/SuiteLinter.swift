/// Static checks beyond decoding, without sending a request: matchers parse, regexes
/// compile, goldens stay inside their root and parse. `assay lint` and `assay run`
/// both use it, so a broken matcher fails before the first request.
public enum SuiteLinter {
    /// Every problem in the planned suites; golden paths are resolved with each suite's variables.
    /// `requireGoldens` is false for `assay run`, where a missing golden is a case failure (or gets recorded).
    public static func lint(_ plan: RunPlan, goldens: GoldenStore, requireGoldens: Bool = true) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        // Every case may name the same golden (and each step is linted once per policy mode),
        // so a golden that already loaded and parsed cleanly is not read and parsed again.
        var cleanGoldens = Set<String>()
        for planned in plan.suites {
            for testCase in planned.cases {
                for step in testCase.steps {
                    // The common block, plus each mode's view only where that mode has a block of its own.
                    let modes = PolicyMode.allCases.filter {
                        ($0 == .strict ? step.expect.strict : step.expect.permissive) != nil
                    }
                    let blocks = [step.expect] + modes.map { step.expect.resolved(for: $0) }
                    for block in blocks {
                        // Captured variables are unknown before a run; such paths are checked when they run.
                        guard var expectation = try? block.resolvingVariables(in: planned.scope) else { continue }
                        expectation.location = block.location
                        problems += lint(
                            expectation, goldens: goldens, requireGoldens: requireGoldens, cleanGoldens: &cleanGoldens)
                    }
                }
            }
        }
        var seen = Set<String>()
        return problems.filter { seen.insert($0.description).inserted }
    }

    /// The problems of one expectation; `cleanGoldens` holds golden paths known to be fine, and
    /// gains this expectation's golden when it loads and parses without a problem.
    static func lint(
        _ expectation: ResponseExpectation, goldens: GoldenStore, requireGoldens: Bool, cleanGoldens: inout Set<String>
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
            if case .matcher(let expression) = rule.rule {
                do {
                    _ = try Matcher(parsing: expression, at: rule.location)
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
