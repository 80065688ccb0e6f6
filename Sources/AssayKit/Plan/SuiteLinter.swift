/// Static checks beyond decoding, without sending a request: matchers parse, regexes
/// compile, goldens stay inside their root and parse. `assay lint` and `assay run`
/// both use it, so a broken matcher fails before the first request.
public enum SuiteLinter {
    public static func lint(_ suites: [Suite], goldens: GoldenStore) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for suite in suites {
            for testCase in suite.cases {
                for step in testCase.steps {
                    let blocks = [step.expect] + PolicyMode.allCases.map { step.expect.resolved(for: $0) }
                    for expectation in blocks {
                        problems += lint(expectation, goldens: goldens)
                    }
                }
            }
        }
        var seen = Set<String>()
        return problems.filter { seen.insert($0.description).inserted }
    }

    static func lint(_ expectation: ResponseExpectation, goldens: GoldenStore) -> [Diagnostic] {
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
        if let golden = expectation.golden {
            do throws(Diagnostic) {
                switch try goldens.load(golden, at: expectation.goldenLocation) {
                case .json(let node)?:
                    do throws(DiagnosticList) {
                        _ = try Expectation(parsing: node)
                    } catch {
                        problems += error.diagnostics
                    }
                case .text(let text)?:
                    _ = try TextPattern(parsing: text, at: SourceLocation(file: goldens.displayPath(golden), line: 1, column: 1))
                case nil:
                    problems.append(
                        Diagnostic(
                            "golden \(golden) does not exist under \(goldens.root.path)", at: expectation.goldenLocation,
                            hint: "record it with `assay run --record missing`"))
                }
            } catch {
                problems.append(error)
            }
        }
        return problems
    }
}
