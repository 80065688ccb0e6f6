import AssayKit
import Foundation
import Testing

/// Parses a matcher literal such as `{{uuid}}`.
private func matcher(_ text: String) throws -> Matcher { try Matcher(parsing: text) }

/// Parses a JSON literal for a test value.
private func json(_ text: String) throws -> JSONValue { try JSONParser.parseValue(text) }

@Suite struct MatcherTests {
    /// Each matcher accepts its passing examples and refuses its failing ones.
    @Test(arguments: [
        ("{{any}}", [#""x""#, "null", "{}"], [String]()),
        ("{{ignore}}", ["1", "null"], []),
        ("{{string}}", [#""""#, #""a""#], ["1", "null"]),
        ("{{string-or-null}}", [#""a""#, "null"], ["401", "false", "{}"]),
        ("{{number}}", ["1", "-2.5e3"], [#""1""#, "true"]),
        ("{{integer}}", ["3", "-7", "3.0", "123456789012345678901234"], ["3.5", #""3""#]),
        ("{{boolean}}", ["true", "false"], ["0", #""true""#]),
        ("{{null}}", ["null"], [#""None""#, "0"]),
        (
            "{{uuid}}", [#""123e4567-e89b-12d3-a456-426614174000""#, #""123E4567-E89B-12D3-A456-426614174000""#],
            [#""abc""#, #""123e4567e89b12d3a456426614174000""#, #""123e4567-e89b-12d3-a456-42661417400g""#]
        ),
        ("{{hex:4}}", [#""beef""#, #""BEEF""#], [#""bee""#, #""beefs""#, #""xyzw""#]),
        ("{{hex}}", [#""0""#, #""deadBEEF""#], [#""""#, #""0x1""#, "12"]),
        (
            "{{iso8601}}", [#""2025-01-31T23:59:60Z""#, #""2024-02-29t00:00:00.123+05:30""#],
            [
                #""2025-01-31 23:59:59Z""#, #""2023-02-29T00:00:00Z""#, #""2025-01-31T24:00:00Z""#,
                #""2025-01-31T10:00:00""#,
            ]
        ),
        ("{{unix-time}}", ["1700000000", "946684800"], ["1700000000.5", #""1700000000""#, "1700000000000", "12"]),
        ("{{regex:chatcmpl-[A-Za-z0-9]+}}", [#""chatcmpl-abc123""#], [#""xchatcmpl-abc""#, #""chatcmpl-""#, "1"]),
        ("{{regex:a|ab}}", [#""ab""#, #""a""#], [#""abc""#]),
        (#"{{one-of:["a","b",null]}}"#, [#""a""#, "null"], [#""c""#, "1"]),
        ("{{one-of:[1, {\"k\": [true]}]}}", ["1.0", #"{"k":[true]}"#], ["2", #"{"k":[false]}"#]),
    ])
    func matcherExamples(literal: String, passing: [String], failing: [String]) throws {
        let parsed = try matcher(literal)
        for text in passing { #expect(parsed.matches(try json(text)), "\(literal) should accept \(text)") }
        for text in failing { #expect(!parsed.matches(try json(text)), "\(literal) should refuse \(text)") }
    }

    /// Bad matchers are diagnostics at the string's location, with a suggestion for misspelled names.
    @Test func badMatchers() throws {
        let node = try JSONParser.parseNode(
            #"{"id": "{{uuid4}}", "n": [ "{{hex:x}}", "{{regex:(}}", "{{one-of:1}}", "{{uuid:v4}}", "{{ nope }}" ]}"#,
            file: "g.json")
        do {
            _ = try Expectation(parsing: node)
            Issue.record("bad matchers were accepted")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines.count == 6)
            #expect(lines[0] == "g.json:1:8: error: unknown matcher \"uuid4\"\n  hint: did you mean `{{uuid}}`?")
            #expect(lines[1] == "g.json:1:28: error: expected a positive length after 'hex:', found \"x\"")
            #expect(lines[2] == "g.json:1:41: error: invalid regular expression \"(\" at character 2: expected ')'")
            #expect(lines[3] == "g.json:1:56: error: expected a non-empty JSON array after 'one-of:', found 1")
            #expect(lines[4].hasPrefix("g.json:1:72: error: matcher 'uuid' takes no argument"))
            #expect(lines[5].contains("unknown matcher \"nope\"\n  hint: known matchers: any, ignore"))
        }
    }

    /// A string starting with `{{` must be a whole matcher; a partial one is an error with the escape hint.
    @Test func partialMatcherIsAnError() {
        #expect(throws: DiagnosticList.self) { try Expectation(parsing: .string("{{uuid}} tail")) }
        #expect(throws: DiagnosticList.self) { try Expectation(parsing: .string("{{one-of:not json}}")) }
    }

    /// `\{{` escapes a literal string that starts with `{{`; escaping and unescaping are inverses.
    @Test func escapedLiterals() throws {
        let expectation = try Expectation(parsing: .string("\\{{uuid}}"))
        #expect(JSONComparator.compare(expected: expectation, actual: .string("{{uuid}}"), mode: .exact).isEmpty)
        #expect(!JSONComparator.compare(expected: expectation, actual: .string("\\{{uuid}}"), mode: .exact).isEmpty)
        for text in ["{{x}}", "\\{{x", "plain", "\\plain", "\\\\{{"] {
            #expect(Matcher.unescapeLiteral(Matcher.escapeLiteral(text)) == text)
        }
    }

    /// Suggestions find near misses and prefixes, and stay silent for unrelated words.
    @Test func suggestions() {
        #expect(Suggestion.nearest(to: "heders", among: ["status", "headers", "body"]) == "headers")
        #expect(Suggestion.nearest(to: "bool", among: Matcher.names) == "boolean")
        #expect(Suggestion.nearest(to: "unixtime", among: Matcher.names) == "unix-time")
        #expect(Suggestion.nearest(to: "Regexp", among: Matcher.names) == "regex")
        #expect(Suggestion.nearest(to: "zzzzzz", among: Matcher.names) == nil)
        #expect(Suggestion.nearest(to: "", among: Matcher.names) == nil)
    }
}
