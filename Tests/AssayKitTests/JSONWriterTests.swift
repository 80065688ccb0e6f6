import AssayKit
import Foundation
import Testing

@Suite struct JSONWriterTests {
    /// Compact output has no whitespace, keeps key order and writes numbers as their literal text.
    @Test func compactKeepsOrderAndLiterals() throws {
        let value = try JSONParser.parseValue(Data(#"{"z": 1.50, "a": [true, null, 1e3], "m": {}}"#.utf8))
        #expect(JSONWriter.compact(value) == #"{"z":1.50,"a":[true,null,1e3],"m":{}}"#)
    }

    /// Pretty output uses two spaces, `"key": value`, empty containers inline and a trailing newline.
    @Test func prettyLayout() throws {
        let value = try JSONParser.parseValue(Data(#"{"b":[1,{"c":[]}],"a":"x"}"#.utf8))
        let expected = """
            {
              "b": [
                1,
                {
                  "c": []
                }
              ],
              "a": "x"
            }

            """
        #expect(JSONWriter.pretty(value) == expected)
        #expect(JSONWriter.pretty(.array([]), trailingNewline: false) == "[]")
    }

    /// Strings are escaped so that parsing the output gives the same string back.
    @Test func escapingRoundTrips() throws {
        let tricky = "quote \" backslash \\ nl \n tab \t nul \u{0} bell \u{7} é 😀 / </script>"
        let written = JSONWriter.quote(tricky)
        #expect(written.contains("\\u0000"))
        #expect(written.contains("\\u0007"))
        #expect(try JSONParser.parseValue(written) == .string(tricky))
    }

    /// Parsing what the writer wrote yields an equal value, in both styles.
    @Test func documentRoundTrip() throws {
        let text = #"{"id":"x","n":[-0.5,12,3e-2],"o":{"k\"ey":[[],{}],"b":false},"u":"\u2028"}"#
        let value = try JSONParser.parseValue(Data(text.utf8))
        for style in [JSONWriter.Style.compact, .pretty] {
            let again = try JSONParser.parseValue(JSONWriter.string(value, style: style))
            #expect(again == value)
            #expect(JSONWriter.compact(again) == JSONWriter.compact(value))
        }
    }

    /// Abbreviated values stay within the limit and show the cut.
    @Test func abbreviation() {
        let long = JSONValue.string(String(repeating: "a", count: 200))
        #expect(long.abbreviated(limit: 20) == "\"" + String(repeating: "a", count: 18) + "…")
        #expect(JSONValue.null.abbreviated() == "null")
    }
}

@Suite struct JSONPointerTests {
    private let document: JSONValue = .object(
        JSONObject([
            ("data", .array([.object(JSONObject([("id", .string("a"))]))])),
            ("a/b", .number(JSONNumber(1))),
            ("m~n", .number(JSONNumber(2))),
            ("", .bool(true)),
        ]))

    /// RFC 6901 pointers resolve members, indices and escaped keys; "" is the whole document.
    @Test func resolves() throws {
        #expect(try JSONPointer(parsing: "/data/0/id").resolve(in: document) == .string("a"))
        #expect(try JSONPointer(parsing: "/a~1b").resolve(in: document) == .number(JSONNumber(1)))
        #expect(try JSONPointer(parsing: "/m~0n").resolve(in: document) == .number(JSONNumber(2)))
        #expect(try JSONPointer(parsing: "/").resolve(in: document) == .bool(true))
        #expect(try JSONPointer(parsing: "").resolve(in: document) == document)
        #expect(try JSONPointer(parsing: "/a~1b/m~0n").description == "/a~1b/m~0n")
    }

    /// Missing steps resolve to nil, and lookup says which step failed.
    @Test func failedLookups() throws {
        #expect(try JSONPointer(parsing: "/data/1").resolve(in: document) == nil)
        #expect(try JSONPointer(parsing: "/data/01").resolve(in: document) == nil)
        #expect(try JSONPointer(parsing: "/data/-").resolve(in: document) == nil)
        do {
            _ = try JSONPointer(parsing: "/data/0/name").lookup(in: document)
            Issue.record("lookup of a missing member succeeded")
        } catch {
            #expect(error.message == "$.data[0]: no member \"name\" (pointer /data/0/name)")
        }
    }

    /// Malformed pointers are diagnostics saying what was expected.
    @Test func invalidPointers() {
        let location = SourceLocation(file: "s.json", line: 2, column: 7)
        #expect(throws: Diagnostic.self) { try JSONPointer(parsing: "data/0") }
        do {
            _ = try JSONPointer(parsing: "/a~2", at: location)
            Issue.record("accepted ~2")
        } catch {
            #expect(
                error.description == "s.json:2:7: error: invalid JSON pointer \"/a~2\": expected '~0' or '~1' after '~'"
            )
        }
    }

    /// Display paths use dots for identifiers and brackets otherwise.
    @Test func displayPaths() {
        #expect(JSONPath.root.description == "$")
        #expect(JSONPath.root.appending(key: "error").appending(key: "param").description == "$.error.param")
        #expect(
            JSONPath.root.appending(key: "data").appending(index: 0).appending(key: "id").description == "$.data[0].id")
        #expect(JSONPath.root.appending(key: "weird key").description == "$[\"weird key\"]")
        #expect(JSONPath.root.appending(key: "0x").appending(key: "x-id").description == "$[\"0x\"][\"x-id\"]")
        #expect(JSONPath.root.appending(key: "a").appending(index: 2).pointer.description == "/a/2")
    }
}
