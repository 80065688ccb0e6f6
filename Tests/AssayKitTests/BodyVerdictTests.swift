import Testing

@testable import AssayKit

/// How a body comparison's differences become one check: the first in the message, all of them
/// in the details when there are several.
@Suite("Body verdict")
struct BodyVerdictTests {
    /// One difference is said once: the message holds it and no detail line repeats it under it
    /// (the console, JUnit and Markdown printed every single-difference body failure twice).
    @Test func oneDifferenceIsSaidOnce() {
        let mismatch = Mismatch.value(at: JSONPath.root, expected: "\"nope\"", actual: .string("got"))
        let check = BodyChecker.verdict([mismatch], mode: .subset, at: nil, redactor: Redactor())
        #expect(!check.passed)
        #expect(check.message == #"body (subset): $: expected "nope", got "got""#)
        #expect(check.details.isEmpty)
    }

    /// Several differences: the first in the message with the count of the others, every one listed.
    @Test func severalDifferencesAreAllListed() {
        let first = Mismatch.value(at: JSONPath.root, expected: "1", actual: .number(JSONNumber(2)))
        let second = Mismatch.count(at: JSONPath.root, expected: 1, actual: 2)
        let check = BodyChecker.verdict([first, second], mode: .exact, at: nil, redactor: Redactor())
        #expect(check.message == "body (exact): \(first.message) (+1 more)")
        #expect(check.details == [first.message, second.message])
    }
}
