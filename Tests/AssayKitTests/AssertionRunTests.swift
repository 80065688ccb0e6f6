import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// `expect.asserts` against a real loopback server: every query and predicate passes when the
/// response keeps the fact and fails, saying what it found, when the response breaks it.
@Suite("Assertions with queries and predicates")
struct AssertionRunTests {
    static let body = """
        {"slideshow": {"author": "Yours Truly", "title": "Sample",
          "slides": [{"title": "Wake up", "type": "all"}, {"title": "Overview", "type": "all", "items": ["a", "b"]}]},
         "total": 42, "id": "123e4567-e89b-12d3-a456-426614174000", "empty": []}
        """

    /// Answers every request with the slideshow, a header with a parameter and a session cookie.
    static func server() throws -> LoopbackServer {
        try LoopbackServer(script: [
            .serve { _ in
                LoopbackServer.response(
                    headers: [
                        ("Content-Type", "application/json; charset=utf-8"),
                        ("Set-Cookie", "theme=dark; Path=/"),
                        ("Set-Cookie", "session=abc123; Path=/; HttpOnly"),
                    ],
                    body: body)
            }
        ])
    }

    func run(_ asserts: String, steps: String? = nil) throws -> [StepResult] {
        let server = try Self.server()
        let folder = try TemporaryDirectory()
        let caseBody =
            steps.map { #""steps": \#($0)"# }
            ?? #""request": {"path": "/json"}, "expect": {"asserts": \#(asserts)}"#
        let suite = #"{"name": "asserts", "cases": [{"name": "c", \#(caseBody)}]}"#
        let suiteFile = try folder.write(suite, to: "asserts.jsonc")
        let plan = try Planner(target: server.baseURL, environment: [:]).plan(try SuiteLoader.loadAll([suiteFile]))
        var context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder.url), environment: [:])
        context.keepsPassingDetails = true
        let result = Runner(plan: plan, context: context).run(observers: [])
        return result.suites.flatMap(\.cases).flatMap(\.steps)
    }

    /// One assertion of each kind that holds for the served response.
    static let holding = [
        #"{"jsonpath": "$.slideshow.author", "==": "Yours Truly"}"#,
        #"{"jsonpath": "$.id", "==": "{{uuid}}"}"#,
        #"{"jsonpath": "$.total", "!=": 41}"#,
        #"{"jsonpath": "$.total", ">": 0}"#,
        #"{"jsonpath": "$.total", "<=": 42}"#,
        #"{"jsonpath": "$.slideshow.slides", "count": 2}"#,
        #"{"jsonpath": "$.slideshow.slides[?@.type == 'all'].title", "count": {">=": 2}}"#,
        #"{"jsonpath": "$..items[*]", "contains": "b"}"#,
        #"{"jsonpath": "$.slideshow.title", "startsWith": "Sam"}"#,
        #"{"jsonpath": "$.slideshow.title", "endsWith": "ple"}"#,
        #"{"jsonpath": "$.slideshow.title", "matches": "^S[a-z]+$"}"#,
        #"{"jsonpath": "$.slideshow.date", "exists": false}"#,
        #"{"jsonpath": "$.empty", "isEmpty": true}"#,
        #"{"jsonpath": "$.slideshow.slides", "includes": {"title": "Overview"}}"#,
        #"{"jsonpath": "$.total", "==": 41, "not": true}"#,
        #"{"header": "Content-Type", "startsWith": "application/json"}"#,
        #"{"header": "Content-Length", ">": 100}"#,
        #"{"cookie": "session", "==": "abc123"}"#,
        #"{"query": "status", "<": 300}"#,
        #"{"query": "duration", "<=": 60000}"#,
        #"{"query": "body", "contains": "Wake up"}"#,
        #"{"regex": "\"total\": (\\d+)", "==": "42"}"#,
    ]

    /// The same facts, each broken, with the message the failure must give.
    static let broken: [(String, String)] = [
        (
            #"{"jsonpath": "$.slideshow.author", "==": "Someone"}"#,
            #"jsonpath $.slideshow.author: expected == "Someone", found "Yours Truly""#
        ),
        (#"{"jsonpath": "$.id", "==": "{{hex:8}}"}"#, #"expected == "{{hex:8}}", found "123e4567"#),
        (#"{"jsonpath": "$.total", "!=": 42}"#, "expected != 42, found 42"),
        (#"{"jsonpath": "$.total", ">": 42}"#, "jsonpath $.total: expected > 42, found 42"),
        (#"{"jsonpath": "$.total", "<=": 41}"#, "expected <= 41, found 42"),
        (#"{"jsonpath": "$.slideshow.slides", "count": 1}"#, "expected count == 1, found 2 ("),
        (
            #"{"jsonpath": "$.slideshow.slides[?@.type == 'all'].title", "count": {"<": 2}}"#,
            "expected count < 2, found 2 ([\"Wake up\",\"Overview\"])"
        ),
        (#"{"jsonpath": "$..items[*]", "contains": "c"}"#, #"expected contains "c", found ["a","b"]"#),
        (#"{"jsonpath": "$.slideshow.title", "startsWith": "Ex"}"#, #"expected startsWith "Ex", found "Sample""#),
        (#"{"jsonpath": "$.slideshow.title", "endsWith": "Sam"}"#, #"expected endsWith "Sam""#),
        (#"{"jsonpath": "$.slideshow.title", "matches": "^[a-z]+$"}"#, "expected matches /^[a-z]+$/"),
        (
            #"{"jsonpath": "$.slideshow.date", "exists": true}"#,
            "jsonpath $.slideshow.date: expected exists, found nothing"
        ),
        (#"{"jsonpath": "$.slideshow.slides", "isEmpty": true}"#, "expected isEmpty, found 2 ("),
        (
            #"{"jsonpath": "$.slideshow.slides", "includes": {"title": "Closing"}}"#,
            #"expected includes {"title":"Closing"}, found [{"title":"Wake up""#
        ),
        (#"{"jsonpath": "$.total", "==": 42, "not": true}"#, "expected not == 42, found 42"),
        (
            #"{"header": "Content-Type", "startsWith": "text/"}"#,
            #"header Content-Type: expected startsWith "text/", found "application/json; charset=utf-8""#
        ),
        (#"{"header": "Content-Length", ">": 1000}"#, "header Content-Length: expected > 1000, found \""),
        (#"{"cookie": "session", "==": "other"}"#, "cookie session: expected == \"other\", found \"abc123\""),
        (#"{"query": "status", ">=": 300}"#, "status: expected >= 300, found 200"),
        (#"{"query": "duration", "<": 0}"#, "duration: expected < 0, found "),
        (#"{"query": "body", "contains": "Goodbye"}"#, #"body: expected contains "Goodbye", found "{"#),
        (#"{"regex": "\"total\": (\\d+)", "==": "41"}"#, #"expected == "41", found "42""#),
        (
            #"{"jsonpath": "$.slideshow.slides[?@.title == 'Overview'].type", "==": "all"}"#,
            #"found ["all"]; this query may select several nodes, so it finds a list: compare with ["all"]"#
        ),
    ]

    @Test func everyQueryAndPredicatePassesOnAResponseThatKeepsIt() throws {
        let steps = try run("[" + Self.holding.joined(separator: ",\n") + "]")
        let step = try #require(steps.first)
        let failures = step.checks.filter { !$0.passed }.map(\.message)
        #expect(failures.isEmpty, "\(failures)")
        #expect(step.verdict == .passed)
        #expect(step.checks.filter { $0.kind == "assert" }.count == Self.holding.count)
    }

    @Test func everyQueryAndPredicateFailsOnAResponseThatBreaksIt() throws {
        let steps = try run("[" + Self.broken.map(\.0).joined(separator: ",\n") + "]")
        let step = try #require(steps.first)
        #expect(step.verdict == .failed)
        let asserts = step.checks.filter { $0.kind == "assert" }
        #expect(asserts.count == Self.broken.count)
        for (check, (assertion, message)) in zip(asserts, Self.broken) {
            #expect(!check.passed, "\(assertion) should fail")
            #expect(check.message.contains(message), "\(assertion): \(check.message)")
            #expect(check.location != nil, "a failure points at its assertion")
        }
    }

    /// Assertions that observe nothing: a query that found nothing, or a value of a type the
    /// predicate does not take. As in Hurl, neither passes: `!=` needs a value to differ from, and
    /// `not` negates only a predicate that applies (a number is not "not containing" a text).
    static let observingNothing: [(String, String)] = [
        (
            #"{"jsonpath": "$.slideshow.date", "!=": "2020"}"#,
            #"jsonpath $.slideshow.date: expected != "2020", found nothing"#
        ),
        (#"{"header": "X-Missing", "!=": "x"}"#, #"header X-Missing: expected != "x", found nothing"#),
        (#"{"cookie": "nope", "!=": "x"}"#, #"cookie nope: expected != "x", found nothing"#),
        (#"{"regex": "zzz([0-9]+)", "!=": "1"}"#, "expected != \"1\", found nothing"),
        (
            #"{"jsonpath": "$.total", "contains": "4", "not": true}"#,
            #"expected not contains "4", found 42 (number; contains needs a string or an array)"#
        ),
        (
            #"{"jsonpath": "$.slideshow.slides", "matches": "x", "not": true}"#,
            "(array; matches needs a string)"
        ),
        (#"{"jsonpath": "$.total", "startsWith": "9", "not": true}"#, "(number; startsWith needs a string)"),
        (#"{"jsonpath": "$.total", "count": 3, "not": true}"#, "(number; count needs an array, an object or a string)"),
        (#"{"jsonpath": "$.total", "isEmpty": false}"#, "(number; isEmpty needs an array, an object or a string)"),
        (#"{"jsonpath": "$.slideshow", "includes": {"a": 1}, "not": true}"#, "(object; includes needs an array)"),
        (#"{"jsonpath": "$.slideshow.title", ">": 5, "not": true}"#, #"found "Sample" (string; > 5 needs a number)"#),
    ]

    @Test func assertionsThatObserveNothingFail() throws {
        let steps = try run("[" + Self.observingNothing.map(\.0).joined(separator: ",\n") + "]")
        let step = try #require(steps.first)
        let asserts = step.checks.filter { $0.kind == "assert" }
        #expect(asserts.count == Self.observingNothing.count)
        for (check, (assertion, message)) in zip(asserts, Self.observingNothing) {
            #expect(!check.passed, "\(assertion) should fail")
            #expect(check.message.contains(message), "\(assertion): \(check.message)")
        }
    }

    /// `not` over a predicate that applies still negates it, and over nothing found it holds (as
    /// in Hurl: `jsonpath "$.missing" not contains "x"` passes).
    @Test func notNegatesWherePredicatesApply() throws {
        let steps = try run(
            """
            [{"jsonpath": "$.slideshow.title", "contains": "x", "not": true},
             {"jsonpath": "$.slideshow.slides", "count": 3, "not": true},
             {"jsonpath": "$.total", ">": 50, "not": true},
             {"jsonpath": "$.slideshow.date", "contains": "x", "not": true}]
            """)
        let step = try #require(steps.first)
        #expect(step.verdict == .passed, "\(step.checks.map(\.message))")
    }

    /// A header sent in several fields is judged as all of them, never as its first field: a
    /// duplicated `Access-Control-Allow-Origin: *` (which browsers refuse) fails a rule for `*`,
    /// a header rule sees the fields joined with ", " (RFC 9110 §5.3), and the `header` query finds
    /// the list of values, as Hurl's does.
    @Test func aHeaderInSeveralFieldsIsJudgedWhole() throws {
        let server = try LoopbackServer(script: [
            .serve { _ in
                LoopbackServer.response(
                    headers: [
                        ("Content-Type", "application/json"), ("Access-Control-Allow-Origin", "*"),
                        ("Vary", "Accept-Encoding"), ("Access-Control-Allow-Origin", "*"), ("Vary", "Origin"),
                    ],
                    body: "{}")
            }
        ])
        let folder = try TemporaryDirectory()
        let suiteFile = try folder.write(
            """
            {"cases": [{"name": "c", "request": {"path": "/"}, "expect": {
              "headers": {"Access-Control-Allow-Origin": "*", "Vary": {"regex": ".*, Origin"}},
              "asserts": [{"header": "Access-Control-Allow-Origin", "==": "*"},
                          {"header": "Vary", "includes": "Origin"},
                          {"header": "Vary", "count": 2},
                          {"header": "Vary", "startsWith": "Accept"},
                          {"header": "Content-Type", "==": "application/json"}]}}]}
            """, to: "t.jsonc")
        let plan = try Planner(target: server.baseURL, environment: [:]).plan(try SuiteLoader.loadAll([suiteFile]))
        var context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder.url), environment: [:])
        context.keepsPassingDetails = true
        let result = Runner(plan: plan, context: context).run(observers: [])
        let checks = try #require(result.suites.first?.cases.first?.steps.first?.checks)
        let verdicts = checks.filter { $0.kind == "header" || $0.kind == "assert" }.map { ($0.passed, $0.message) }
        #expect(verdicts.count == 7)
        #expect(verdicts.map(\.0) == [false, true, false, true, true, false, true], "\(verdicts)")
        #expect(
            verdicts.first?.1
                == #"header Access-Control-Allow-Origin: expected "*", got "*", "*" (2 fields, judged as one value joined with ", ")"#
        )
        #expect(verdicts[2].1 == #"header Access-Control-Allow-Origin: expected == "*", found ["*","*"]"#)
        #expect(verdicts[5].1.hasSuffix("(array; startsWith needs a string)"), "\(verdicts[5].1)")
    }

    /// `exists` on a query that may select several nodes asks whether it selected any (RFC 9535's
    /// existence test): a filter that matches no item is not something that exists.
    @Test func existsOnAFilterAsksWhetherItSelectedAnything() throws {
        let steps = try run(
            """
            [{"jsonpath": "$.slideshow.slides[?@.type == 'none']", "exists": true},
             {"jsonpath": "$.slideshow.slides[?@.type == 'none']", "exists": false},
             {"jsonpath": "$.slideshow.slides[?@.type == 'all']", "exists": true},
             {"jsonpath": "$.slideshow.slides[?@.type == 'none']", "count": 0},
             {"jsonpath": "$..date", "exists": true, "not": true}]
            """)
        let asserts = try #require(steps.first).checks.filter { $0.kind == "assert" }
        #expect(asserts.map(\.passed) == [false, true, true, true, true], "\(asserts.map(\.message))")
        #expect(
            asserts.first?.message == "jsonpath $.slideshow.slides[?@.type == 'none']: expected exists, found nothing")
    }

    /// `exists` on a cookie's flag (`Secure`, `HttpOnly`) asks whether the flag is set, as Hurl's
    /// `cookie "sid[HttpOnly]" exists` does: a cookie without it does not pass, while `== false`
    /// still finds the flag false.
    @Test func existsOnACookieFlagAsksWhetherItIsSet() throws {
        let steps = try run(
            """
            [{"cookie": "theme[HttpOnly]", "exists": true},
             {"cookie": "session[HttpOnly]", "exists": true},
             {"cookie": "theme[Secure]", "exists": false},
             {"cookie": "theme[HttpOnly]", "==": false},
             {"cookie": "session[Secure]", "exists": true, "not": true}]
            """)
        let asserts = try #require(steps.first).checks.filter { $0.kind == "assert" }
        #expect(asserts.map(\.passed) == [false, true, true, true, true], "\(asserts.map(\.message))")
        #expect(asserts.first?.message == "cookie theme[HttpOnly]: expected exists, found nothing")
    }

    /// `Set-Cookie` is the exception to joining fields (RFC 9110 §5.3): each field is a cookie of
    /// its own, and a header rule holds when one of them satisfies it.
    @Test func aSetCookieRuleHoldsForOneOfItsFields() throws {
        let steps = try run(
            "",
            steps: """
                [{"name": "a", "request": {"path": "/a"}, "expect": {"headers": {"Set-Cookie": {"regex": "session=.*HttpOnly"}}}},
                 {"name": "b", "request": {"path": "/b"}, "expect": {"headers": {"set-cookie": "theme=dark; Path=/"}}},
                 {"name": "c", "request": {"path": "/c"}, "expect": {"headers": {"Set-Cookie": {"regex": "theme=.*HttpOnly"}}}}]
                """)
        #expect(steps.map(\.verdict) == [.passed, .passed, .failed])
        let failure = try #require(steps.last?.checks.first { !$0.passed })
        #expect(
            failure.message
                == "header Set-Cookie: expected to match /theme=.*HttpOnly/, got \"***\", \"***\" (none of the 2 fields)"
        )
    }

    /// A failed assertion on a header that is always masked (`Set-Cookie` here) quotes what it
    /// found masked, as the exchange shows it: the session token is not printed.
    @Test func aFailedAssertionOnAMaskedHeaderQuotesItMasked() throws {
        let steps = try run(#"[{"header": "Set-Cookie", "==": "x"}, {"header": "set-cookie", "count": 3}]"#)
        let messages = try #require(steps.first).checks.filter { $0.kind == "assert" }.map(\.message)
        #expect(
            messages == [
                #"header Set-Cookie: expected == "x", found ["***","***"]"#,
                #"header set-cookie: expected count == 3, found 2 (["***","***"])"#,
            ])
        #expect(!messages.joined().contains("abc123"))
    }

    /// A value captured from a header that is always masked is a secret (unless the capture says
    /// `"secret": false`): it stays masked wherever it goes next, as the header itself does.
    @Test func aCaptureFromAMaskedHeaderIsSecret() throws {
        let steps = try run(
            "",
            steps: """
                [{"name": "a", "request": {"path": "/a"},
                  "capture": {"cookie": {"header": "Set-Cookie"}, "type": {"header": "Content-Type"}}}]
                """)
        let captures = try #require(steps.first).captures
        #expect(captures["cookie"] == "***")
        #expect(captures["type"] == "application/json; charset=utf-8")
        let shown = try run(
            "",
            steps:
                #"[{"name": "a", "request": {"path": "/a"}, "capture": {"c": {"header": "Set-Cookie", "secret": false}}}]"#
        )
        #expect(shown.first?.captures["c"] == "theme=dark; Path=/")
    }

    /// An operand may use a capture of an earlier step.
    @Test func operandsResolveCaptures() throws {
        let steps = try run(
            "",
            steps: """
                [{"name": "first", "request": {"path": "/a"}, "capture": {"author": "/slideshow/author"}},
                 {"name": "second", "request": {"path": "/b"},
                  "expect": {"asserts": [{"jsonpath": "$.slideshow.author", "==": "${author}"},
                                         {"jsonpath": "$.slideshow.title", "!=": "${author}"}]}}]
                """)
        #expect(steps.count == 2)
        #expect(steps.allSatisfy { $0.verdict == .passed }, "\(steps.flatMap(\.checks).map(\.message))")
    }

    /// A JSONPath query on a body that is not JSON fails with the reason, not a crash.
    @Test func aJSONPathOnATextBodyFailsClearly() throws {
        let server = try LoopbackServer(script: [
            .serve { _ in LoopbackServer.response(headers: [("Content-Type", "text/plain")], body: "plain words") }
        ])
        let folder = try TemporaryDirectory()
        let suiteFile = try folder.write(
            #"{"cases": [{"name": "c", "request": {"path": "/"}, "expect": {"asserts": [{"jsonpath": "$.a", "exists": true}]}}]}"#,
            to: "t.jsonc")
        let plan = try Planner(target: server.baseURL, environment: [:]).plan(try SuiteLoader.loadAll([suiteFile]))
        let context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder.url), environment: [:])
        let result = Runner(plan: plan, context: context).run(observers: [])
        let check = try #require(result.suites.first?.cases.first?.steps.first?.checks.first { $0.kind == "assert" })
        #expect(!check.passed)
        #expect(check.message.hasPrefix("jsonpath $.a: expected exists, but the body is not JSON"))
    }
}
