import Testing

@testable import AssayKit

/// Bad `expect.asserts` entries are refused when the suite loads, each at the line and column of
/// what is wrong: inside a JSONPath query, the character where the query goes wrong.
@Suite("Assertion decoding")
struct AssertionDecodingTests {
    func diagnostic(_ assertion: String) -> Diagnostic? {
        // The assertion starts on line 3, column 5; a second key or predicate is reported at its value.
        let text = """
            {"cases": [{"name": "c", "request": {"path": "/"},
              "expect": {"asserts": [
                \(assertion)
              ]}}]}
            """
        do {
            _ = try SuiteDecoder.decode(source: text, file: "a.jsonc")
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        // The query's `$` is column 19; the error is at its end, offset 13, column 32.
        (#"{"jsonpath": "$.store.book[", "count": 1}"#, 32, "invalid JSONPath \"$.store.book[\": expected a selector"),
        (#"{"jsonpath": "$.a[?@.* == 1]", "exists": true}"#, 24, "singular query"),
        (#"{"jsonpath": "store", "exists": true}"#, 19, "start with `$`"),
        (#"{"header": "Bad Name", "exists": true}"#, 16, "header"),
        (#"{"regex": "(unclosed", "exists": true}"#, 15, "invalid regular expression"),
        (#"{"matches": "[", "header": "X"}"#, 17, "invalid regular expression"),
        (#"{"query": "statsu", "==": 200}"#, 15, "expected `query` to be one of"),
        (#"{"jsonpath": "$.a", "counts": 1}"#, 25, "unknown key `counts` in assertion"),
        (#"{"jsonpath": "$.a"}"#, 5, "assertion needs a predicate"),
        (#"{"==": 1}"#, 5, "assertion needs a query"),
        (#"{"jsonpath": "$.a", "header": "X", "exists": true}"#, 35, "two queries"),
        (#"{"jsonpath": "$.a", "==": 1, ">": 0}"#, 39, "two predicates"),
        (#"{"jsonpath": "$.a", ">": true}"#, 30, "a number or a string"),
        (#"{"jsonpath": "$.a", "count": -1}"#, 34, "between 0 and"),
        (#"{"jsonpath": "$.a", "count": {"~": 1}}"#, 35, "unknown key `~`"),
        (#"{"jsonpath": "$.a", "exists": "yes"}"#, 35, "true or false"),
        (#"{"jsonpath": "$.a", "==": "{{uuuid}}"}"#, 31, "uuuid"),
    ])
    func badAssertionsArePositioned(assertion: String, column: Int, message: String) throws {
        let problem = try #require(diagnostic(assertion), "\(assertion) was accepted")
        #expect(problem.location?.line == 3, "\(assertion): \(problem)")
        #expect(problem.location?.column == column, "\(assertion): \(problem)")
        #expect(
            problem.message.contains(message) || problem.hint?.contains(message) == true, "\(assertion): \(problem)")
    }

    @Test func aListIsRequired() throws {
        let text = #"{"cases": [{"name": "c", "request": {"path": "/"}, "expect": {"asserts": {"jsonpath": "$"}}}]}"#
        #expect(throws: Diagnostic.self) { try SuiteDecoder.decode(source: text, file: "a.jsonc") }
    }

    @Test func modeBlocksAddAssertions() throws {
        let text = """
            {"cases": [{"name": "c", "request": {"path": "/"}, "expect": {
              "asserts": [{"query": "status", "==": 200}],
              "strict": {"asserts": [{"jsonpath": "$.a", "exists": true}]}}}]}
            """
        let suite = try SuiteDecoder.decode(source: text, file: "a.jsonc")
        let expectation = try #require(suite.cases.first?.steps.first?.expect)
        #expect(expectation.resolved(for: .strict).asserts.count == 2)
        #expect(expectation.resolved(for: .permissive).asserts.count == 1)
    }
}
