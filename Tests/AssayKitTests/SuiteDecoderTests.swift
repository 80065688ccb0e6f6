import Testing

@testable import AssayKit

@Suite("Suite decoding")
struct SuiteDecoderTests {
    /// Decodes as suite files are read (cases streamed from the parser), and checks that decoding a
    /// parsed tree gives the same cases or the same diagnostic: every test here covers both ways in.
    func decode(_ text: String) throws -> Suite {
        let streamed = Result { () throws(Diagnostic) in try SuiteDecoder.decode(source: text, file: "s.jsonc") }
        let fromTree = Result { () throws(Diagnostic) in
            try SuiteDecoder.decode(JSONParser.parseNode(text, file: "s.jsonc"), file: "s.jsonc")
        }
        switch (streamed, fromTree) {
        case (.success(let suite), .success(let other)):
            #expect(suite.cases.map(\.name) == other.cases.map(\.name))
            #expect(suite.cases.map(\.location) == other.cases.map(\.location))
            #expect(suite.cases.map { $0.steps.map(\.request.url) } == other.cases.map { $0.steps.map(\.request.url) })
        case (.failure(let problem), .failure(let other)):
            #expect(problem.description == other.description)
        default:
            Issue.record("streamed and tree decoding disagree: \(streamed) vs \(fromTree)")
        }
        return try streamed.get()
    }

    func diagnostic(_ text: String) -> Diagnostic? {
        do {
            _ = try decode(text)
            return nil
        } catch let error as Diagnostic {
            return error
        } catch {
            return nil
        }
    }

    /// A full suite decodes into the model, with defaults, steps, captures and mode blocks.
    @Test func decodesAFullSuite() throws {
        let suite = try decode(
            """
            {
              "name": "indexes", "tags": "smoke",
              "variables": {"model": "m1", "n": 3, "token": {"value": "t", "secret": true}},
              "defaults": {"headers": {"Authorization": "Bearer ${token}"}, "timeouts": {"connect": "2s", "total": 5000}},
              "cases": [
                {"name": "list", "request": {"path": "/v1/models"},
                 "expect": {"status": [200, "2xx"], "headers": {"X-Trace-Id": "{{hex:32}}", "X-Old": false},
                            "strict": {"status": 401}, "permissive": {"status": 200}}},
                {"name": "chain", "steps": [
                  {"request": {"method": "post", "path": "/v1/indexes", "body": {"name": "x"}}, "capture": {"id": "/id", "trace": {"header": "X-Trace-Id"}}},
                  {"request": {"method": "DELETE", "path": "/v1/indexes/${id}"}, "expect": {"status": 204}},
                ]},
              ],
            }
            """)
        #expect(suite.name == "indexes")
        #expect(suite.tags == ["smoke"])
        #expect(suite.variables.map(\.name) == ["model", "n", "token"])
        #expect(suite.variables[1].value == "3")
        #expect(suite.variables[2].secret)
        #expect(suite.defaults.connectTimeoutMs == 2000)
        #expect(suite.defaults.totalTimeoutMs == 5000)
        #expect(suite.cases.count == 2)
        let list = suite.cases[0].steps[0]
        #expect(list.expect.status?.accepts(204) == true)
        #expect(list.expect.resolved(for: .strict).status?.accepts(401) == true)
        #expect(list.expect.resolved(for: .strict).status?.accepts(200) == false)
        #expect(list.expect.resolved(for: .permissive).status?.accepts(200) == true)
        #expect(list.expect.headers.count == 2)
        let chain = suite.cases[1]
        #expect(chain.steps.count == 2)
        #expect(chain.steps[0].request.method == "POST")
        #expect(chain.steps[0].captures.map(\.name) == ["id", "trace"])
    }

    /// An unknown key names its position and the nearest known key.
    @Test func unknownKeySuggestsNearest() throws {
        let problem = try #require(
            diagnostic(
                """
                {"cases": [
                  {"name": "a", "request": {"path": "/", "hedaers": {}}}
                ]}
                """))
        #expect(problem.location == SourceLocation(file: "s.jsonc", line: 2, column: 42))
        #expect(problem.message.contains("unknown key `hedaers` in request"))
        #expect(problem.hint == "did you mean `headers`?")
    }

    /// Wrong types are reported where the value is, saying what was expected.
    @Test func wrongTypesAreLocated() throws {
        let status = try #require(
            diagnostic(#"{"cases": [{"name": "a", "request": {"path": "/"}, "expect": {"status": "4x"}}]}"#))
        #expect(status.message.contains("expected a status such as 200 or a class such as \"4xx\""))
        #expect(status.location?.column == 73)
        let duration = try #require(
            diagnostic(#"{"cases": [{"name": "a", "request": {"path": "/", "timeouts": {"total": "soon"}}}]}"#))
        #expect(duration.message.contains("duration"))
        let compare = try #require(diagnostic(#"{"defaults": {"compare": "exakt"}, "cases": []}"#))
        #expect(compare.hint == "did you mean \"exact\"?")
    }

    /// Structural mistakes get a message that says how to fix them.
    @Test func structuralMistakes() throws {
        #expect(
            diagnostic(#"{"cases": [{"name": "a"}]}"#)?.message.contains("needs a `request` or a list of `steps`")
                == true)
        #expect(
            diagnostic(#"{"cases": [{"name": "a", "steps": [{"request": {"path": "/"}}], "expect": {}}]}"#)?.message
                .contains("both `steps` and `expect`") == true)
        #expect(
            diagnostic(#"{"cases": [{"name": "a", "request": {"path": "v1"}}]}"#)?.message.contains("start with `/`")
                == true)
        #expect(
            diagnostic(
                #"{"cases": [{"name": "a", "request": {"path": "/"}}, {"name": "a", "request": {"path": "/"}}]}"#)?
                .message.contains("duplicate case name") == true)
        #expect(
            diagnostic(
                #"{"cases": [{"name": "a", "request": {"path": "/"}, "expect": {"body": {}, "golden": "x.json"}}]}"#)?
                .message.contains("only one body expectation") == true)
        #expect(
            diagnostic(#"{"cases": [{"name": "a", "request": {"path": "/", "headers": {"Bad Name": "x"}}}]}"#) != nil)
        #expect(diagnostic(#"{"secrets": ["nope"], "cases": []}"#)?.message.contains("not a declared variable") == true)
    }

    /// Two rules for one header name in a different case are an error at the second: header names
    /// are case-insensitive, and the second rule silently replaced the first (a failing rule for
    /// `Content-Type` passed when `content-type` followed it with `{{any}}`).
    @Test func aHeaderNameRuledTwiceIsAnError() throws {
        let problem = try #require(
            diagnostic(
                #"{"cases": [{"name": "a", "request": {"path": "/"}, "expect": {"headers": {"Content-Type": "text/html", "content-type": "{{any}}"}}}]}"#
            ))
        #expect(
            problem.message
                == "header `content-type` already has a rule (as `Content-Type`; header names are case-insensitive); write one rule for it"
        )
        #expect(problem.location?.column == 104)
    }

    /// A mode block replaces only what it names; header rules merge by name.
    @Test func modeBlocksOverrideCommonMembers() throws {
        let suite = try decode(
            """
            {"cases": [{"name": "a", "request": {"path": "/"}, "expect": {
              "status": 200, "headers": {"A": "1", "B": "2"}, "contentType": "application/json",
              "strict": {"headers": {"b": "3"}}
            }}]}
            """)
        let strict = suite.cases[0].steps[0].expect.resolved(for: .strict)
        #expect(strict.status?.accepts(200) == true)
        #expect(strict.contentType == "application/json")
        let rules = strict.headers.map { rule -> String in
            if case .equals(let value) = rule.rule { return "\(rule.name)=\(value)" }
            return rule.name
        }
        #expect(rules == ["A=1", "b=3"])
    }

    /// Cases are decoded while the file is still being parsed, yet the error shown is the one a
    /// parse-then-decode would show: a syntax error anywhere wins over a bad case before it, the
    /// suite's own keys over its cases, and the first bad case over later ones.
    @Test func streamedDecodingKeepsTheErrorOrder() {
        let badCaseThenSyntax = """
            {"cases": [{"name": "a", "request": {"path": "no-slash"}}, {"name": "b", "request": {"path": "/"} ]}
            """
        #expect(diagnostic(badCaseThenSyntax)?.message.hasPrefix("expected ',' or '}'") == true)
        let badCaseThenBadHeader = """
            {"cases": [{"name": "a", "request": {"path": "no-slash"}}], "nmae": "x"}
            """
        #expect(diagnostic(badCaseThenBadHeader)?.message.hasPrefix("unknown key `nmae` in suite") == true)
        let twoBadCases = """
            {"cases": [{"name": "a", "request": {"path": "/"}}, {"name": "b", "request": {"path": "x"}},
                       {"name": "a", "request": {"path": "/"}}]}
            """
        #expect(diagnostic(twoBadCases)?.location?.line == 1)
        #expect(diagnostic(twoBadCases)?.message.hasPrefix("expected `path` to start with `/`") == true)
        let duplicate = """
            {"cases": [{"name": "a", "request": {"path": "/"}},
                       {"name": "a", "request": {"path": "/"}}]}
            """
        #expect(diagnostic(duplicate)?.message == "duplicate case name \"a\" (first defined at 1:12)")
        #expect(diagnostic(#"{"cases": {"name": "a"}}"#)?.message.hasPrefix("expected `cases` to be a list") == true)
        // Only the root's `cases` streams: a `cases` key deeper down is an ordinary (unknown) key.
        let nested = #"{"defaults": {"cases": []}, "cases": [{"name": "a", "request": {"path": "/"}}]}"#
        #expect(diagnostic(nested)?.message.hasPrefix("unknown key `cases` in defaults") == true)
    }
}
