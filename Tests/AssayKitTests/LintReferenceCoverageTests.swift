import Testing

@testable import AssayKit

/// `lint` and `run` plan a suite the same way: every place a run resolves `${…}` in must be checked
/// when the suite is planned, so an undefined variable is a suite error at its `file:line:column`
/// (exit 2, nothing sent), never a case that could not be executed or a failed contract check; and
/// the column is the string's that holds it, not the request's or the expected body's.
@Suite("Lint: undefined variables wherever a run resolves them")
struct LintReferenceCoverageTests {
    /// One case per place; `anchor` is the text the diagnostic must point at (its first character).
    struct Place: Sendable, CustomStringConvertible {
        var description: String
        var caseBody: String
        var anchor: String
    }

    static let places: [Place] = [
        Place(
            description: "an assertion's operand",
            caseBody: #""request": {"path": "/"}, "expect": {"asserts": [{"jsonpath": "$.a", "==": "${nope}"}]}"#,
            anchor: #""${nope}""#),
        Place(
            description: "an assertion's operand in a mode block",
            caseBody:
                #""request": {"path": "/"}, "expect": {"permissive": {"asserts": [{"header": "X", "contains": "${nope}"}]}}"#,
            anchor: #""${nope}""#),
        Place(
            description: "a structured assertion operand",
            caseBody:
                #""request": {"path": "/"}, "expect": {"asserts": [{"jsonpath": "$.items", "includes": {"id": "${nope}"}}]}"#,
            anchor: #""${nope}""#),
        Place(
            description: "retry.until",
            caseBody:
                #""request": {"path": "/"}, "retry": {"count": 1, "until": {"headers": {"X-A": "${nope}"}}}"#,
            anchor: #""${nope}""#),
        Place(
            description: "a step's retry.until assertion",
            caseBody:
                #""steps": [{"request": {"path": "/"}, "retry": {"count": 1, "until": {"asserts": [{"query": "body", "contains": "${nope}"}]}}}]"#,
            anchor: #""${nope}""#),
        Place(
            description: "the replay key",
            caseBody: #""request": {"method": "POST", "path": "/", "body": {}}, "replay": {"key": "k-${nope}"}"#,
            anchor: #"{"key""#),
        Place(
            description: "a stream event's expected data",
            caseBody:
                #""request": {"path": "/"}, "expect": {"stream": {"events": [{"index": 0, "data": {"a": "${nope}"}}]}}"#,
            anchor: #""${nope}""#),
        Place(
            description: "the reassembled stream text",
            caseBody: #""request": {"path": "/"}, "expect": {"stream": {"reassemble": {"equals": "${nope}"}}}"#,
            anchor: #""${nope}""#),
        Place(
            description: "the request path", caseBody: #""request": {"path": "/items/${nope}"}"#,
            anchor: #""/items/${nope}""#),
        Place(
            description: "the request URL", caseBody: #""request": {"url": "${target}/${nope}"}"#,
            anchor: #""${target}/${nope}""#),
        Place(
            description: "a query value", caseBody: #""request": {"path": "/", "query": {"a": "1", "b": "${nope}"}}"#,
            anchor: #""${nope}""#),
        Place(
            description: "a member of the JSON request body",
            caseBody: #""request": {"method": "POST", "path": "/", "body": {"a": [1, {"b": "${nope}"}]}}"#,
            anchor: #""${nope}""#),
        Place(
            description: "the text request body",
            caseBody: #""request": {"method": "POST", "path": "/", "bodyText": "x=${nope}"}"#, anchor: #""x=${nope}""#),
        Place(
            description: "a form field",
            caseBody: #""request": {"method": "POST", "path": "/", "form": {"a": "1", "b": "${nope}"}}"#,
            anchor: #""${nope}""#),
        Place(
            description: "a multipart part",
            caseBody: #""request": {"method": "POST", "path": "/", "multipart": {"a": {"value": "${nope}"}}}"#,
            anchor: #""${nope}""#),
        Place(
            description: "a cookie", caseBody: #""request": {"path": "/", "cookies": {"sid": "${nope}"}}"#,
            anchor: #""${nope}""#),
        Place(
            description: "the basicAuth password",
            caseBody: #""request": {"path": "/", "basicAuth": {"user": "u", "password": "${nope}"}}"#,
            anchor: #""${nope}""#),
        Place(
            description: "a member of the inline expected body",
            caseBody: #""request": {"path": "/"}, "expect": {"body": {"a": {"b": "${nope}"}}}"#,
            anchor: #""${nope}""#),
    ]

    /// The planner refuses the suite, naming the variable at the place it is written.
    @Test(arguments: places)
    func undefinedVariableIsASuiteError(_ place: Place) throws {
        let text = "{\"variables\": {\"nop\": \"x\"},\n\"cases\": [{\"name\": \"c\", \(place.caseBody)}]}"
        let suite = try SuiteDecoder.decode(JSONParser.parseNode(text, file: "refs.jsonc"), file: "refs.jsonc")
        let planner = Planner(target: "http://127.0.0.1:9", environment: [:])
        let error = #expect(throws: DiagnosticList.self) { try planner.plan([suite]) }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.message.contains("undefined variable `${nope}`"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let anchor = try #require(lines[1].range(of: place.anchor))
        let column = lines[1].distance(from: lines[1].startIndex, to: anchor.lowerBound) + 1
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == column)
    }

    /// A method written with a suite variable is checked when the suite is planned, as the run
    /// checks it (lint passed it and the run called the case not executed); one from a capture
    /// can only be checked by the run.
    @Test func methodFromAVariableIsCheckedByThePlan() throws {
        let text = """
            {"variables": {"verb": "get it"},
             "cases": [{"name": "c", "request": {"method": "${verb}", "path": "/"}},
                       {"name": "d", "steps": [{"request": {"path": "/"}, "capture": {"verb": "/m"}},
                                               {"request": {"method": "${verb}", "path": "/"}}]}]}
            """
        let suite = try SuiteDecoder.decode(JSONParser.parseNode(text, file: "m.jsonc"), file: "m.jsonc")
        let planner = Planner(target: "http://127.0.0.1:9", environment: [:])
        let error = #expect(throws: DiagnosticList.self) { try planner.plan([suite]) }
        #expect(error?.diagnostics.count == 1)
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.message == #"expected an HTTP method such as "GET", found "GET IT""#)
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column == 48)
    }
}
