import Testing

@testable import AssayKit

@Suite("SSE event-order pattern and field paths")
struct SSEPatternTests {
    /// Proves the pattern syntax parses types, alternatives and all three quantifiers, and prints back the same.
    @Test func parsesSyntax() throws {
        let pattern = try EventTypePattern(parsing: "a, b*  c+,d? e|f _")
        #expect(
            pattern.elements == [
                .init(["a"]), .init(["b"], .zeroOrMore), .init(["c"], .oneOrMore), .init(["d"], .optional),
                .init(["e", "f"]), .init(["_"]),
            ])
        #expect(pattern.description == "a, b*, c+, d?, e|f, _")
    }

    /// Proves malformed patterns are diagnostics with the location and the bad token.
    @Test func rejectsMalformed() {
        let location = SourceLocation(file: "suite.jsonc", line: 3, column: 14)
        #expect(throws: Diagnostic.self) { try EventTypePattern(parsing: "  ,  ", at: location) }
        do {
            _ = try EventTypePattern(parsing: "a, b|, c", at: location)
            Issue.record("expected a diagnostic")
        } catch {
            #expect(error.location == location)
            #expect(error.message == "expected an event type in pattern element `b|`, found ``")
        }
        #expect(throws: Diagnostic.self) { try EventTypePattern(parsing: "a**") }
    }

    /// Proves quantifiers match as documented and the divergence index and expected set are exact.
    @Test func matchesAndDiverges() throws {
        let pattern = try EventTypePattern(parsing: "start, delta*, mid+, opt?, end|fail")
        #expect(pattern.firstDivergence(in: ["start", "mid", "end"]) == nil)
        #expect(pattern.firstDivergence(in: ["start", "delta", "delta", "mid", "mid", "opt", "fail"]) == nil)
        #expect(
            pattern.firstDivergence(in: ["start", "delta", "end"])
                == .init(index: 2, found: "end", expected: ["delta", "mid"]))
        #expect(
            pattern.firstDivergence(in: ["start", "mid"])
                == .init(index: 2, found: nil, expected: ["mid", "opt", "end", "fail"]))
        #expect(
            pattern.firstDivergence(in: ["start", "mid", "end", "extra"])
                == .init(index: 3, found: "extra", expected: ["end of stream"]))
        #expect(pattern.firstDivergence(in: []) == .init(index: 0, found: nil, expected: ["start"]))
    }

    /// Proves `_` accepts any type, so a pattern can pin only the first and last events.
    @Test func wildcard() throws {
        let pattern = try EventTypePattern(parsing: "response.created, _*, response.completed")
        #expect(pattern.firstDivergence(in: ["response.created", "x", "y", "response.completed"]) == nil)
        #expect(pattern.firstDivergence(in: ["x"])?.index == 0)
    }

    /// Proves the built-in Responses pattern accepts the documented order and its failure endings.
    @Test func responsesPattern() {
        let body = SSEFixtures.responsesStream(deltas: ["a", "b"]).joined()
        var parser = SSEParser()
        let types = parser.feed(Array(body.utf8), at: SSETestClock.t0).compactMap(\.event?.type)
        #expect(EventTypePattern.responsesText.firstDivergence(in: types) == nil)
        #expect(EventTypePattern.responsesText.firstDivergence(in: types.dropLast() + ["response.incomplete"]) == nil)
    }

    /// Proves dotted paths and JSON pointers both reach nested values, and missing steps give nil.
    @Test func fieldPaths() throws {
        let json = SSEFixtures.decode("{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}],\"a/b\":{\"~\":1}}") ?? .null
        #expect(StreamFieldPath("choices[0].delta.content").value(in: json) == .string("Hi"))
        #expect(try StreamFieldPath(parsing: "/choices/0/delta/content").value(in: json) == .string("Hi"))
        #expect(try StreamFieldPath(parsing: "/a~1b/~0").value(in: json) == .number(JSONNumber(1)))
        #expect(StreamFieldPath("choices[1].delta").value(in: json) == nil)
        #expect(StreamFieldPath("choices.delta").value(in: json) == nil)
        #expect(throws: Diagnostic.self) { try StreamFieldPath(parsing: "choices[x]") }
        #expect(throws: Diagnostic.self) { try StreamFieldPath(parsing: "a..b") }
    }
}
