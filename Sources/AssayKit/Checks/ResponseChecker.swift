import Foundation

/// Checks the parts of a response every expectation can name: status, headers, content
/// type and duration. Pure: the response in, check results out. Messages quote header values, so
/// they go through the redactor (a target may echo a token, or a rule may expect one).
struct ResponseChecker {
    /// Status, headers, content type and duration checks for `expectation` (already resolved for the mode).
    /// `describesPasses: false` leaves passing checks without a message (see `CheckResult.pass`).
    static func check(
        _ expectation: ResponseExpectation, response: HTTPResponse, timings: TransferTimings, redactor: Redactor,
        describesPasses: Bool = true
    ) -> [CheckResult] {
        var results: [CheckResult] = []
        results.reserveCapacity(expectation.headers.count + 3)
        if let status = expectation.status {
            results.append(
                status.accepts(response.status)
                    ? .pass("status", "status \(response.status)", at: status.location, described: describesPasses)
                    : .fail(
                        "status", "status: expected \(status), got \(response.status)\(Self.reasonSuffix(response))",
                        at: status.location))
        }
        for rule in expectation.headers {
            results.append(
                checkHeader(rule, in: response.headers, redactor: redactor, describesPasses: describesPasses))
        }
        if let contentType = expectation.contentType {
            let actual = response.headers.first("Content-Type")
            if let actual, MediaType.matches(expected: contentType, actual: actual) {
                results.append(
                    .pass(
                        "contentType", "content type \(actual)", at: expectation.location, described: describesPasses))
            } else {
                results.append(
                    .fail(
                        "contentType",
                        redactor.redact(
                            "content type: expected \(contentType), got \(actual.map { "\"\($0)\"" } ?? "no Content-Type header")"
                        ),
                        at: expectation.location))
            }
        }
        if let ceiling = expectation.maxDurationMs {
            let totalMs = Double(timings.total) / 1000
            results.append(
                totalMs <= Double(ceiling)
                    ? .pass(
                        "duration", "took \(Self.format(totalMs)) ms", at: expectation.location,
                        described: describesPasses)
                    : .fail(
                        "duration", "duration: took \(Self.format(totalMs)) ms, ceiling \(ceiling) ms",
                        at: expectation.location))
        }
        results += AssertionChecker.check(
            expectation.asserts, response: response, timings: timings, redactor: redactor,
            describesPasses: describesPasses)
        return results
    }

    static func checkHeader(
        _ rule: HeaderExpectation, in headers: HTTPHeaders, redactor: Redactor, describesPasses: Bool = true
    ) -> CheckResult {
        // Rules judge the field value: several fields of the name are one value joined with ", "
        // (RFC 9110 §5.3), so a duplicated `Access-Control-Allow-Origin: *` does not pass for `*`.
        // `Set-Cookie` is the exception RFC 9110 names: each field is a cookie of its own, and a
        // rule holds when one of them satisfies it. Each field is quoted when a rule fails.
        let fields = headers.values(rule.name)
        let eachField = HeaderName.equalIgnoringCase(rule.name, "Set-Cookie")
        let values = eachField ? fields : fields.isEmpty ? [] : [fields.joined(separator: ", ")]
        // `expected` is described only for a message that will be kept.
        func result(_ ok: Bool, _ expected: @autoclosure () -> String) -> CheckResult {
            if ok {
                return .pass(
                    "header", redactor.redact("\(rule.name): \(expected())"), subject: rule.name, at: rule.location,
                    described: describesPasses)
            }
            var shown =
                fields.isEmpty
                ? "absent"
                : fields.map { "\"\(redactor.redactHeader(name: rule.name, value: $0))\"" }.joined(separator: ", ")
            if fields.count > 1 {
                shown +=
                    eachField
                    ? " (none of the \(fields.count) fields)"
                    : " (\(fields.count) fields, judged as one value joined with \", \")"
            }
            return .fail(
                "header", redactor.redact("header \(rule.name): expected \(expected()), got \(shown)"),
                subject: rule.name, at: rule.location)
        }
        switch rule.rule {
        case .present: return result(!fields.isEmpty, "present")
        case .absent: return result(fields.isEmpty, "absent")
        case .equals(let expected): return result(values.contains(expected), "\"\(expected)\"")
        case .regex(let pattern):
            return result(values.contains { RegexCheck.wholeMatch(pattern, $0) }, "to match /\(pattern)/")
        case .matcher(let expression):
            return result(values.contains { HeaderMatcher.matches(expression, value: $0) }, expression)
        }
    }

    static func reasonSuffix(_ response: HTTPResponse) -> String {
        response.reason.isEmpty ? "" : " \(response.reason)"
    }

    static func format(_ milliseconds: Double) -> String { milliseconds.fixed(1) }
}

/// Media-type comparison: type/subtype case-insensitively; parameters only when the expectation gives them.
enum MediaType {
    static func matches(expected: String, actual: String) -> Bool {
        func split(_ text: String) -> (String, [String]) {
            let parts = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            return (parts.first ?? "", Array(parts.dropFirst()).map { $0.replacingOccurrences(of: " ", with: "") })
        }
        let (expectedType, expectedParameters) = split(expected)
        let (actualType, actualParameters) = split(actual)
        return expectedType == actualType && expectedParameters.allSatisfy(actualParameters.contains)
    }
}
