import AssayKit
import Foundation
import Testing

/// The messages of comparing `expected` (with matchers) against `actual`.
private func messages(_ expected: String, _ actual: String, _ mode: CompareMode, limit: Int = 50) throws -> [String] {
    let expectation = try Expectation(parsing: try JSONParser.parseValue(expected))
    return JSONComparator.compare(
        expected: expectation, actual: try JSONParser.parseValue(actual), mode: mode, limit: limit
    ).map(\.message)
}

@Suite struct MatchComparatorTests {
    /// Key order does not matter and numbers compare by value.
    @Test func orderAndNumbers() throws {
        #expect(try messages(#"{"a":1,"b":[1e2,0.50]}"#, #"{"b":[100,0.5],"a":1.0}"#, .exact).isEmpty)
    }

    /// Messages name the path, the expected value or matcher, and the actual value as compact JSON.
    @Test func valueMessages() throws {
        let found = try messages(
            #"{"error":{"param":null,"code":"{{string}}"},"id":"{{uuid}}"}"#,
            #"{"error":{"param":"None","code":401},"id":"abc"}"#, .subset)
        #expect(
            found == [
                #"$.error.param: expected null, got "None""#, "$.error.code: expected string, got 401",
                #"$.id: expected uuid, got "abc""#,
            ])
    }

    /// A missing member is named on its parent object, in both modes; `{{ignore}}` may be absent.
    @Test func missingMembers() throws {
        let expected = #"{"error":{"type":"x","param":null,"trace":"{{ignore}}"}}"#
        let actual = #"{"error":{"type":"x"}}"#
        #expect(try messages(expected, actual, .subset) == [#"$.error: missing member "param""#])
        #expect(try messages(expected, actual, .exact) == [#"$.error: missing member "param""#])
    }

    /// Exact mode refuses unexpected members at every depth; subset mode allows them.
    @Test func exactVersusSubset() throws {
        let expected = #"{"a":{"b":1},"list":[{"c":2}]}"#
        let actual = #"{"a":{"b":1,"x":true},"list":[{"c":2,"y":null}],"extra":"z"}"#
        #expect(try messages(expected, actual, .subset).isEmpty)
        #expect(
            try messages(expected, actual, .exact) == [
                "$.a.x: unexpected member (strict comparison)", "$.list[0].y: unexpected member (strict comparison)",
                "$.extra: unexpected member (strict comparison)",
            ])
    }

    /// Arrays must have the same length in both modes; the common prefix is still compared.
    @Test func arrayLength() throws {
        #expect(
            try messages(#"{"data":[1,2,3]}"#, #"{"data":[1,9]}"#, .subset) == [
                "$.data: expected 3 items, got 2", "$.data[1]: expected 2, got 9",
            ])
        #expect(try messages(#"[1]"#, #"[1,2]"#, .subset) == ["$: expected 1 items, got 2"])
    }

    /// Type changes between containers and scalars are reported with the expected type.
    @Test func typeMismatches() throws {
        #expect(try messages(#"{"a":{}}"#, #"{"a":[1]}"#, .exact) == ["$.a: expected object, got [1]"])
        #expect(try messages(#"{"a":[]}"#, #"{"a":"s"}"#, .exact) == [#"$.a: expected array, got "s""#])
        #expect(
            try messages(#"{"weird key":1}"#, #"{"weird key":true}"#, .exact) == [
                #"$["weird key"]: expected 1, got true"#
            ])
    }

    /// Long values are truncated in messages.
    @Test func longValuesAreTruncated() throws {
        let long = String(repeating: "x", count: 300)
        let found = try messages(#"{"a":"short"}"#, "{\"a\":\"\(long)\"}", .exact)
        #expect(found.count == 1)
        #expect(found[0].hasSuffix("…"))
        #expect(found[0].count < 120)
    }

    /// Only the first `limit` mismatches are reported, followed by a count of the rest.
    @Test func boundedReport() throws {
        let expected = "[" + Array(repeating: "0", count: 60).joined(separator: ",") + "]"
        let actual = "[" + Array(repeating: "1", count: 60).joined(separator: ",") + "]"
        let found = try messages(expected, actual, .exact)
        #expect(found.count == 51)
        #expect(found[0] == "$[0]: expected 0, got 1")
        #expect(found[49] == "$[49]: expected 0, got 1")
        #expect(found[50] == "… and 10 more mismatches")
    }

    /// Mismatches carry structured fields besides the message.
    @Test func structuredFields() throws {
        let mismatch = try JSONComparator.compare(
            expected: try JSONParser.parseValue(#"{"a":{"b":"{{hex:4}}"}}"#),
            actual: try JSONParser.parseValue(#"{"a":{"b":"xyz"}}"#), mode: .exact)
        #expect(mismatch.count == 1)
        #expect(mismatch.first?.path == JSONPath.root.appending(key: "a").appending(key: "b"))
        #expect(mismatch.first?.expected == "hex:4")
        #expect(mismatch.first?.actual == #""xyz""#)
        #expect(mismatch.first?.kind == .value)
    }
}
