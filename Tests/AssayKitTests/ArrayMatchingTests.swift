import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// `"arrays"`: `exact` keeps lengths strict, `prefix` lets more items follow, `contains` finds each
/// expected item anywhere (each actual item used once).
@Suite("Array matching")
struct ArrayMatchingTests {
    func mismatches(_ expected: String, _ actual: String, _ arrays: ArrayMatching, mode: CompareMode = .subset) throws
        -> [String]
    {
        try JSONComparator.compare(
            expected: Expectation(parsing: JSONParser.parseValue(expected)), actual: JSONParser.parseValue(actual),
            mode: mode, arrays: arrays
        ).map(\.message)
    }

    @Test func exactKeepsLengthsStrict() throws {
        #expect(try mismatches("[1]", "[1, 2]", .exact) == ["$: expected 1 items, got 2"])
    }

    @Test func prefixAllowsMoreItemsAfterTheExpectedOnes() throws {
        #expect(try mismatches("[1]", "[1, 2]", .prefix).isEmpty)
        #expect(try mismatches("[2]", "[1, 2]", .prefix) == ["$[0]: expected 2, got 1"])
        #expect(try mismatches("[1, 2, 3]", "[1, 2]", .prefix) == ["$: expected at least 3 items, got 2"])
    }

    @Test func containsFindsEachItemAnywhereOnce() throws {
        #expect(try mismatches(#"[{"id": 2}]"#, #"[{"id": 1, "x": 0}, {"id": 2, "x": 0}]"#, .contains).isEmpty)
        #expect(try mismatches(#"["{{uuid}}"]"#, #"["a", "123e4567-e89b-12d3-a456-426614174000"]"#, .contains).isEmpty)
        #expect(
            try mismatches("[1, 1]", "[1, 2]", .contains) == ["$: no item matches 1 (2 items, each used at most once)"])
        #expect(
            try mismatches(#"[{"id": 3}]"#, #"[{"id": 1}]"#, .contains)
                == [#"$: no item matches {"id":3} (1 items, each used at most once)"#])
        // Nested arrays follow the same rule.
        #expect(try mismatches(#"{"a": [[2]]}"#, #"{"a": [[1, 2], [3]]}"#, .contains).isEmpty)
    }

    /// The httpbin case from issue 18: one expected slide, two served.
    @Test func aSubsetBodyWithFewerSlidesPassesAgainstARealServer() throws {
        let server = try LoopbackServer(script: [
            .serve { _ in
                LoopbackServer.response(
                    headers: [("Content-Type", "application/json")],
                    body: #"{"slideshow": {"slides": [{"title": "Wake up"}, {"title": "Overview", "items": []}]}}"#)
            }
        ])
        let folder = try TemporaryDirectory()
        let file = try folder.write(
            """
            {"cases": [
              {"name": "strict lengths", "request": {"path": "/json"},
               "expect": {"compare": "subset", "body": {"slideshow": {"slides": [{"title": "Wake up"}]}}}},
              {"name": "prefix", "request": {"path": "/json"},
               "expect": {"compare": "subset", "arrays": "prefix", "body": {"slideshow": {"slides": [{"title": "Wake up"}]}}}},
              {"name": "contains", "request": {"path": "/json"},
               "expect": {"compare": "subset", "arrays": "contains", "body": {"slideshow": {"slides": [{"title": "Overview"}]}}}},
              {"name": "contains, absent", "request": {"path": "/json"},
               "expect": {"compare": "subset", "arrays": "contains", "body": {"slideshow": {"slides": [{"title": "Closing"}]}}}}
            ]}
            """, to: "arrays.jsonc")
        let plan = try Planner(target: server.baseURL, environment: [:]).plan(try SuiteLoader.loadAll([file]))
        let context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder.url), environment: [:])
        let cases = Runner(plan: plan, context: context).run(observers: []).suites.flatMap(\.cases)
        let verdicts = Dictionary(uniqueKeysWithValues: cases.map { ($0.name, $0.verdict) })
        #expect(
            verdicts == [
                "strict lengths": .failed, "prefix": .passed, "contains": .passed, "contains, absent": .failed,
            ])
        let message = cases.first { $0.name == "strict lengths" }?.steps.first?.checks.first { !$0.passed }?.message
        #expect(message == "body (subset): $.slideshow.slides: expected 1 items, got 2")
    }

    @Test func aBadValueIsALintErrorWithASuggestion() throws {
        let text = #"{"cases": [{"name": "c", "request": {"path": "/"}, "expect": {"arrays": "prefx"}}]}"#
        do {
            _ = try SuiteDecoder.decode(source: text, file: "a.jsonc")
            Issue.record("accepted arrays: prefx")
        } catch {
            #expect(error.location?.column == 73)
            #expect(error.message.contains(#"one of "exact", "prefix", "contains""#))
            #expect(error.hint == #"did you mean "prefix"?"#)
        }
    }
}
