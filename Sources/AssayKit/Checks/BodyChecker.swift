import Foundation

/// Checks a response body against an inline JSON expectation, a text pattern or a
/// golden file, and records goldens when the record mode says so.
struct BodyChecker {
    /// The run's policy mode, whose compare mode applies when neither the step nor the suite sets one.
    let mode: PolicyMode
    let goldens: GoldenSettings
    let redactor: Redactor
    /// Whether passing checks get a message (see `CheckResult.pass`).
    var describesPasses = true
    /// The body's JSON, shared with the step's other checks so it is parsed once.
    var parsedBody: ParsedBody? = nil

    /// The body's JSON value, parsed here unless the step's other checks share it.
    private func json(_ response: HTTPResponse) throws(Diagnostic) -> JSONValue {
        if let parsedBody { return try parsedBody.value() }
        return try BodyJSON.parse(response)
    }

    func check(
        _ expectation: ResponseExpectation, defaultCompare: CompareMode?, response: HTTPResponse, scope: VariableScope
    )
        -> [CheckResult]
    {
        let mode = expectation.compare ?? defaultCompare ?? self.mode.defaultCompare
        if let node = expectation.body {
            return [
                checkInline(node, mode: mode, arrays: expectation.arrays ?? .exact, response: response, scope: scope)
            ]
        }
        if let text = expectation.bodyText {
            return [checkText(text, at: expectation.location, response: response, scope: scope)]
        }
        if let golden = expectation.golden {
            return [checkGolden(golden, at: expectation.goldenLocation, mode: mode, response: response)]
        }
        return []
    }

    private func checkInline(
        _ node: JSONNode, mode: CompareMode, arrays: ArrayMatching, response: HTTPResponse, scope: VariableScope
    ) -> CheckResult {
        let expected: Expectation
        do {
            expected = try Expectation(parsing: scope.resolve(node.value, at: node.location))
        } catch let problems as DiagnosticList {
            return .fail(
                "body", "body: invalid expectation: \(problems.diagnostics.first?.message ?? "")", at: node.location)
        } catch let problem as Diagnostic {
            return .fail("body", "body: \(problem.message)", at: node.location)
        } catch {
            return .fail("body", "body: \(error)", at: node.location)
        }
        let actual: JSONValue
        do {
            actual = try json(response)
        } catch {
            return .fail("body", "body: expected JSON, but the body is not JSON (\(error.message))", at: node.location)
        }
        return Self.verdict(
            JSONComparator.compare(expected: expected, actual: actual, mode: mode, arrays: arrays), mode: mode,
            at: node.location,
            redactor: redactor, describesPasses: describesPasses)
    }

    private func checkText(
        _ template: String, at location: SourceLocation?, response: HTTPResponse, scope: VariableScope
    )
        -> CheckResult
    {
        do throws(Diagnostic) {
            let pattern = try TextPattern(parsing: scope.resolve(template, at: location), at: location)
            if let mismatch = pattern.mismatch(BodyText.decode(response)) {
                return .fail("body", "body text: \(redactor.redact(mismatch.message))", at: location)
            }
            return .pass("body", "body text matches", at: location, described: describesPasses)
        } catch {
            return .fail("body", "body text: \(error.message)", at: location)
        }
    }

    private func checkGolden(_ path: String, at location: SourceLocation?, mode: CompareMode, response: HTTPResponse)
        -> CheckResult
    {
        let actual: GoldenBody
        if let value = try? json(response) {
            actual = .json(value)
        } else {
            actual = .text(BodyText.decode(response))
        }
        let outcome = GoldenVerdict.evaluate(
            store: goldens.store, path: path, actual: actual, compareMode: mode, recordMode: goldens.record,
            explicit: goldens.recordExplicit, environment: goldens.environment, redactor: redactor, location: location)
        switch outcome {
        case .matched:
            return .pass("golden", "matches golden \(path)", subject: path, at: location, described: describesPasses)
        case .recorded:
            return .pass("golden", "recorded golden \(path)", subject: path, at: location)
        case .missing:
            return .fail(
                "golden", "golden \(path) does not exist; run with --record missing to create it from this response",
                subject: path, at: location)
        case .mismatched(let mismatches):
            var result = Self.verdict(mismatches, mode: mode, at: location, redactor: redactor)
            result.kind = "golden"
            result.subject = path
            result.message = "golden \(path): " + result.message
            return result
        case .invalid(let diagnostics):
            let first = diagnostics.first
            return .fail(
                "golden", "golden \(path): \(first?.message ?? "invalid")", subject: path,
                details: diagnostics.dropFirst().map(\.description), at: first?.location ?? location)
        }
    }

    static func verdict(
        _ mismatches: [Mismatch], mode: CompareMode, at location: SourceLocation?, redactor: Redactor,
        describesPasses: Bool = true
    ) -> CheckResult {
        guard let first = mismatches.first else {
            return .pass("body", "body matches (\(mode.rawValue))", at: location, described: describesPasses)
        }
        // One difference is the message itself: listed again under it, it was printed twice.
        let details = mismatches.count == 1 ? [] : mismatches.map { redactor.redact($0.message) }
        let count = mismatches.count == 1 ? "" : " (+\(mismatches.count - 1) more)"
        return .fail(
            "body", "body (\(mode.rawValue)): \(redactor.redact(first.message))\(count)", details: details, at: location
        )
    }
}
