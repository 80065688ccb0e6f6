import Foundation
import Testing

@testable import AssayKit

/// The diagnostic a parse of `text` throws, rendered `file:line:column: error: message`.
private func parseError(_ text: String, allowComments: Bool = true) -> String? {
    do {
        _ = try JSONParser.parseNode(text, file: "t.json", allowComments: allowComments)
        return nil
    } catch {
        return "\(error.location.map(\.description) ?? "-"): \(error.message)"
    }
}

/// The diagnostic a strict body parse of `text` throws.
private func bodyError(_ text: String) -> String? {
    do {
        _ = try JSONParser.parseValue(Data(text.utf8))
        return nil
    } catch {
        return "\(error.location.map(\.description) ?? "-"): \(error.message)"
    }
}

@Suite struct JSONParserTests {
    /// A JSONC document with comments and trailing commas parses, keeping every node's location.
    @Test func parsesJSONCWithLocations() throws {
        let text = """
            // a suite
            {
              "name": "chat", /* inline */
              "tags": [1, 2.50, -3e2, true, false, null,],
              "nested": {"é": "x\\u00e9\\n"},
            }
            """
        let node = try JSONParser.parseNode(text, file: "s.jsonc")
        guard case .object(let members) = node.kind else {
            Issue.record("expected an object")
            return
        }
        #expect(node.location.description == "s.jsonc:2:1")
        #expect(members.map(\.key) == ["name", "tags", "nested"])
        #expect(members[0].keyLocation.description == "s.jsonc:3:3")
        #expect(members[0].value.location.description == "s.jsonc:3:11")
        #expect(members[1].value.location.description == "s.jsonc:4:11")
        guard case .array(let items) = members[1].value.kind else {
            Issue.record("expected an array")
            return
        }
        #expect(items.count == 6)
        #expect(items[2].location.description == "s.jsonc:4:21")
        if case .number(let number) = items[1].kind { #expect(number.text == "2.50") } else { Issue.record("number") }
        let nested = members[2].value.value
        #expect(nested["é"] == .string("xé\n"))
        #expect(members[2].value.location.column == 13)
    }

    /// Columns count Unicode scalars, not bytes, so a location after non-ASCII text is what an editor shows.
    @Test func columnsCountScalars() throws {
        let node = try JSONParser.parseNode("{\"ünï\": \"😀\", \"k\": 1}", file: "u.json")
        guard case .object(let members) = node.kind else {
            Issue.record("expected an object")
            return
        }
        #expect(members[1].keyLocation.column == 14)
        #expect(parseError("[\"😀\" 1]") == "t.json:1:6: expected ',' or ']' after array element, found '1'")
    }

    /// Body parsing is strict and yields the same values, with surrogate pairs decoded.
    @Test func parsesBodies() throws {
        let value = try JSONParser.parseValue(Data(#"{"a":[1,{"b":"\ud83d\ude00"}],"c":null,"d":-0.5e+3}"#.utf8))
        #expect(value["a"]?.arrayValue?[1]["b"] == .string("😀"))
        #expect(value["c"] == .null)
        #expect(value["d"] == .number(JSONNumber(text: "-500")))
        #expect(try JSONParser.parseValue(Data("\u{FEFF} [] ".utf8)) == .array([]))
    }

    /// A BOM at the start is skipped and does not shift columns.
    @Test func skipsByteOrderMark() {
        #expect(parseError("\u{FEFF}[1,,]") == "t.json:1:4: expected a value or ']', found ','")
    }

    /// Each structural error names the expected token, what was found, and its exact position.
    @Test func structuralErrors() {
        #expect(
            parseError("{\n  \"a\": 1\n  \"b\": 2\n}")
                == "t.json:3:3: expected ',' or '}' after object member, found '\"'")
        #expect(parseError("[1 2]") == "t.json:1:4: expected ',' or ']' after array element, found '2'")
        #expect(parseError("{\"a\" 1}") == "t.json:1:6: expected ':' after object key, found '1'")
        #expect(parseError("{a: 1}") == "t.json:1:2: expected string key or '}', found 'a'")
        #expect(parseError("{\"a\": }") == "t.json:1:7: expected a value, found '}'")
        #expect(parseError("[None]") == "t.json:1:2: expected a value, found 'None'")
        #expect(parseError("[tru]") == "t.json:1:2: expected a value, found 'tru'")
        #expect(parseError("['x']") == "t.json:1:2: expected a value, found '''")
        #expect(parseError("[1,") == "t.json:1:4: expected a value, found end of input")
        #expect(parseError("{\"a\": 1") == "t.json:1:8: expected ',' or '}' after object member, found end of input")
    }

    /// Empty input and text after the value are rejected at the right place.
    @Test func emptyAndTrailingGarbage() {
        #expect(parseError("") == "t.json:1:1: empty input, expected a JSON value")
        #expect(parseError("  // only a comment\n") == "t.json:2:1: empty input, expected a JSON value")
        #expect(bodyError("") == "<body>:1:1: empty input, expected a JSON value")
        #expect(parseError("{} x") == "t.json:1:4: expected end of input after the JSON value, found 'x'")
        #expect(bodyError("[1]\n]") == "<body>:2:1: expected end of input after the JSON value, found ']'")
    }

    /// A duplicate key points at the second key and says where the first one is.
    @Test func duplicateKeys() {
        let text = "{\n  \"x\": 0,\n    \"name\": 1,\n  \"name\": 2\n}"
        #expect(parseError(text) == "t.json:4:3: duplicate key \"name\" (first defined at 3:5)")
        #expect(bodyError(text) == "<body>:4:3: duplicate key \"name\" (first defined at 3:5)")
    }

    /// Strict mode refuses comments and trailing commas that JSONC accepts.
    @Test func strictModeRefusesJSONC() {
        #expect(parseError("[1,]", allowComments: false) == "t.json:1:3: trailing comma is not allowed in strict JSON")
        #expect(
            parseError("{\"a\":1,}", allowComments: false) == "t.json:1:7: trailing comma is not allowed in strict JSON"
        )
        #expect(bodyError("[1 // c\n]") == "<body>:1:4: comments are not allowed in strict JSON")
        #expect(parseError("[1,]") == nil)
        #expect(parseError("/* a\n b */ [1]") == nil)
        #expect(parseError("/* open\n [1]") == "t.json:1:1: unterminated block comment, expected '*/'")
        #expect(parseError("[1 /x]") == "t.json:1:5: expected '//' or '/*' to start a comment, found 'x'")
    }

    /// String errors: unterminated, control characters, bad escapes, lone surrogates, bad UTF-8.
    @Test func stringErrors() {
        #expect(parseError("[\"abc") == "t.json:1:2: unterminated string, expected '\"' before end of input")
        #expect(
            parseError("[\n \"abc\n\"]") == "t.json:2:2: unterminated string, expected '\"' before the end of the line")
        #expect(parseError("[\"a\tb\"]") == "t.json:1:4: control character U+0009 must be escaped in a string")
        #expect(
            parseError(#"["a\qb"]"#)
                == #"t.json:1:4: invalid escape '\q' in string, expected one of \" \\ \/ \b \f \n \r \t or \uXXXX"#)
        #expect(parseError(#"["\u12G4"]"#) == "t.json:1:7: expected 4 hex digits after '\\u', found 'G4'")
        #expect(
            parseError(#"["x\uD83Dy"]"#)
                == #"t.json:1:4: lone surrogate '\uD83D' in string, expected a low surrogate '\uDC00'...'\uDFFF' after it"#
        )
        #expect(
            parseError(#"["\uDE00"]"#)
                == #"t.json:1:3: lone low surrogate '\uDE00' in string, expected a high surrogate before it"#)
        var bytes = Array("[\"ab".utf8)
        bytes += [0xC3, 0x28, 0x22, 0x5D]
        do {
            _ = try JSONParser.parseValue(Data(bytes))
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.description == "<body>:1:2: error: invalid UTF-8 in string")
        }
    }

    /// Number errors: leading zeros, missing digits after sign, point or exponent.
    @Test func numberErrors() {
        #expect(parseError("[01]") == "t.json:1:2: leading zeros are not allowed in numbers")
        #expect(parseError("[-012]") == "t.json:1:3: leading zeros are not allowed in numbers")
        #expect(parseError("[-]") == "t.json:1:3: expected a digit after '-', found ']'")
        #expect(parseError("[1.]") == "t.json:1:4: expected a digit after '.', found ']'")
        #expect(parseError("[1e+]") == "t.json:1:5: expected a digit in the exponent, found ']'")
        #expect(parseError("[.5]") == "t.json:1:2: expected a value, found '.'")
        #expect(parseError("[0, -0, 0.0, 1E5, 12e-3]") == nil)
    }

    /// Numbers keep their literal text so goldens round-trip exactly.
    @Test func numbersKeepLiteralText() throws {
        let value = try JSONParser.parseValue(Data("[1.50, 1e3, -0]".utf8))
        #expect(
            value.arrayValue?.compactMap { if case .number(let n) = $0 { n.text } else { nil } } == [
                "1.50", "1e3", "-0",
            ])
    }

    /// Deep nesting fails with a clean diagnostic at the bracket past the limit, not a stack overflow.
    /// Parsed on a thread with the stack the run gives its threads (`ThreadStack`): a test thread's
    /// stack is smaller, too small for the limit under AddressSanitizer.
    @Test func nestingLimit() {
        let limit = JSONParser.maxDepth
        let errors = onRunThread {
            [
                parseError(String(repeating: "[", count: limit) + String(repeating: "]", count: limit)),
                parseError(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)),
                bodyError(String(repeating: "{\"a\":", count: 100_000)),
            ]
        }
        #expect(errors[0] == nil)
        #expect(errors[1] == "t.json:1:\(limit + 1): nesting depth exceeds the limit of \(limit)")
        #expect(errors[2] == "<body>:1:\(5 * limit + 1): nesting depth exceeds the limit of \(limit)")
    }

    /// `body`'s result, computed on a new thread with `ThreadStack.size`.
    private func onRunThread<Result>(_ body: @escaping @Sendable () -> Result) -> Result {
        nonisolated(unsafe) var result: Result?
        let done = DispatchSemaphore(value: 0)
        ThreadStack.start {
            result = body()
            done.signal()
        }
        done.wait()
        return result!
    }

    /// Windows line endings count as one line break each.
    @Test func crlfLines() {
        #expect(parseError("[\r\n1,\r\n2 3]") == "t.json:3:3: expected ',' or ']' after array element, found '3'")
    }
}
