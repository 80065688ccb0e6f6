import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// Captures by JSONPath, regex group, header parameter and cookie, taken from a real loopback
/// response and sent back in the next request; a source that finds nothing fails the step.
@Suite("Capture sources")
struct CaptureSourceTests {
    static func server() throws -> LoopbackServer {
        try LoopbackServer(script: [
            .serve { _ in
                LoopbackServer.response(
                    headers: [
                        ("Content-Type", #"text/plain; Charset="utf-8""#),
                        ("Set-Cookie", "session=s3cr3t-v4lue; Path=/; HttpOnly"),
                    ],
                    body:
                        #"{"items": [{"id": "a1", "ok": false}, {"id": "b2", "ok": true}], "note": "order 777 placed"}"#
                )
            }
        ])
    }

    func run(_ steps: String) throws -> (steps: [StepResult], requests: [LoopbackServer.RecordedRequest]) {
        let server = try Self.server()
        let folder = try TemporaryDirectory()
        let file = try folder.write(#"{"cases": [{"name": "c", "steps": \#(steps)}]}"#, to: "c.jsonc")
        let plan = try Planner(target: server.baseURL, environment: [:]).plan(try SuiteLoader.loadAll([file]))
        let context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder.url), environment: [:])
        let result = Runner(plan: plan, context: context).run(observers: [])
        return (result.suites.flatMap(\.cases).flatMap(\.steps), server.requests)
    }

    @Test func everySourceFeedsTheNextRequest() throws {
        let (steps, requests) = try run(
            """
            [{"name": "take", "request": {"path": "/a"}, "capture": {
                "okId": {"jsonpath": "$.items[?@.ok == true].id"},
                "ids": {"jsonpath": "$.items[*].id"},
                "order": {"regex": "order (\\\\d+)"},
                "charset": {"header": "Content-Type", "parameter": "charset"},
                "session": {"cookie": "session", "secret": true}}},
             {"name": "use", "request": {"path": "/b/${okId}/${order}/${charset}", "headers": {"X-Ids": "${ids}", "X-S": "${session}"}}}]
            """)
        #expect(steps.map(\.verdict) == [.passed, .passed], "\(steps.flatMap(\.checks).map(\.message))")
        let second = try #require(requests.last)
        #expect(second.target == "/b/b2/777/utf-8")
        #expect(second.header("X-Ids") == #"["a1","b2"]"#)
        #expect(second.header("X-S") == "s3cr3t-v4lue")
        #expect(steps.first?.captures["session"] == Redactor.mask, "a secret capture is masked in results")
    }

    @Test func aSourceThatFindsNothingFailsTheStep() throws {
        let (steps, _) = try run(
            """
            [{"name": "take", "request": {"path": "/a"}, "capture": {
                "a": {"jsonpath": "$.missing"},
                "b": {"regex": "invoice (\\\\d+)"},
                "c": {"header": "Content-Type", "parameter": "boundary"},
                "d": {"cookie": "theme"}}}]
            """)
        let messages = steps.first?.checks.filter { !$0.passed }.map(\.message) ?? []
        #expect(
            messages == [
                "capture a: JSONPath $.missing selects nothing in the body",
                "capture b: /invoice (\\d+)/ does not match the body",
                "capture c: the Content-Type header has no boundary parameter",
                "capture d: no Set-Cookie sets theme",
            ])
    }

    @Test(arguments: [
        (#"{"jsonpath": "$.a["}"#, 87, "invalid JSONPath"),
        (#"{"regex": "("}"#, 79, "invalid regular expression"),
        (#"{"cookie": "s", "header": "X"}"#, 80, "needs exactly one of"),
        (#"{"jsonpath": "$.a", "parameter": "charset"}"#, 102, "`parameter` belongs to a header capture"),
        (#"{"cookie": ""}"#, 80, "expected a cookie name"),
    ])
    /// Columns point into the capture: inside a JSONPath at the character that breaks it, else at the value.
    func badSourcesArePositioned(source: String, column: Int, message: String) {
        let text = #"{"cases": [{"name": "c", "request": {"path": "/"}, "capture": {"x": \#(source)}}]}"#
        do {
            _ = try SuiteDecoder.decode(source: text, file: "c.jsonc")
            Issue.record("accepted \(source)")
        } catch {
            #expect(error.location?.column == column, "\(source): \(error)")
            #expect(error.message.contains(message), "\(source): \(error)")
        }
    }
}
