import Foundation
import Testing

@testable import AssayKit

/// The shortcuts taken to load and plan suites faster give the answers of the slow paths they skip.
@Suite("Load fast paths")
struct LoadFastPathTests {
    /// Containers closed at every depth keep their own elements, in order (one shared stack holds them while open).
    @Test func nestedContainersKeepTheirElements() throws {
        let text = #"{"a": [1, [2, 3], {"b": [4, {}], "c": []}], "d": {"e": {"f": [[], [5]]}}, "g": [], "h": {}}"#
        let node = try JSONParser.parseNode(text, file: "n.json")
        let value = try JSONParser.parseValue(text)
        #expect(node.value == value)
        #expect(
            JSONWriter.compact(node.value)
                == #"{"a":[1,[2,3],{"b":[4,{}],"c":[]}],"d":{"e":{"f":[[],[5]]}},"g":[],"h":{}}"#)
    }

    /// A duplicate key in a large object (found through the key index) still names the first key's place.
    @Test func duplicateKeyInALargeObject() {
        let members = (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ",\n")
        let text = "{\n\(members),\n\"k3\": 0}"
        #expect(throws: Diagnostic.self) { try JSONParser.parseNode(text, file: "d.json") }
        do {
            _ = try JSONParser.parseNode(text, file: "d.json")
        } catch {
            #expect(error.description == "d.json:22:1: error: duplicate key \"k3\" (first defined at 5:1)")
        }
        let wide = "{" + (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}"
        #expect(throws: Never.self) { try JSONParser.parseNode(wide, file: "w.json") }
    }

    /// A parse that fails deep inside open containers reports the error (and frees what it had built).
    @Test func errorInsideOpenContainers() {
        do {
            _ = try JSONParser.parseNode(#"{"a": [1, [2, {"b": "x", "c": ]]]}"#, file: "e.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "e.json:1:31: error: expected a value, found ']'")
        }
    }

    /// Columns after non-ASCII text in a comment or string on the same line count scalars; a later
    /// ASCII line counts bytes again.
    @Test func columnsAfterNonASCIIComments() throws {
        let text = "/* é */ {\"a\": /* ü\n ö */ 1, \"b\": \"ñ\", \"c\": 2,\n\"d\": [3]}"
        let node = try JSONParser.parseNode(text, file: "c.jsonc")
        guard case .object(let members) = node.kind else {
            Issue.record("expected an object")
            return
        }
        #expect(node.location.description == "c.jsonc:1:9")
        #expect(
            members.map(\.value.location.description) == ["c.jsonc:2:7", "c.jsonc:2:15", "c.jsonc:2:25", "c.jsonc:3:6"])
        #expect(
            members.map(\.keyLocation.description) == ["c.jsonc:1:10", "c.jsonc:2:10", "c.jsonc:2:20", "c.jsonc:3:1"])
    }

    /// `hasASCIIPrefix` agrees with `hasPrefix`, including a combining mark right after the prefix.
    @Test(arguments: ["{{hex:32}}", "{{", "{", "", "x{{", "{{\u{301}x", "{\u{301}{", "/v1", "/é", "${x}", "$", "//"])
    func asciiPrefixAgreesWithHasPrefix(text: String) {
        for prefix: StaticString in ["{{", "/", "${"] {
            #expect(text.hasASCIIPrefix(prefix) == text.hasPrefix(prefix.description), "\(text) / \(prefix)")
        }
    }

    /// Header names compare as `lowercased()` does, ASCII or not.
    @Test func headerNamesCompareIgnoringCase() {
        let pairs: [(String, String)] = [
            ("X-Bench", "x-bench"), ("X-Bench", "X-Request-Id"), ("a", "A"), ("a", "b"), ("", ""), ("Ä", "ä"),
            ("İ", "i̇"), ("ß", "SS"), ("X-Ä", "x-ä"), ("ab", "a"), ("X-A", "x-ä"), ("X-Ä", "X-B"), ("Ä-x", "b-x"),
            ("X-Long-Header-Name", "x-long-header-name"), ("X-Long-Header-Name", "x-long-header-namf"),
            ("K", "\u{212A}"), ("k", "\u{212A}"),
        ]
        for (left, right) in pairs {
            #expect(
                HeaderName.equalIgnoringCase(left, right) == (left.lowercased() == right.lowercased()),
                "\(left) \(right)")
        }
    }

    /// The token-byte switch accepts exactly RFC 9110's `tchar`, and names are checked byte by byte.
    @Test func headerNameTokenBytes() {
        let symbols = Set("!#$%&'*+-.^_`|~".utf8)
        for byte in UInt8.min...UInt8.max {
            let letterOrDigit =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            #expect(HeaderName.isTokenByte(byte) == (letterOrDigit || symbols.contains(byte)), "\(byte)")
        }
        let at = SourceLocation(file: "h.jsonc", line: 1, column: 1)
        #expect(throws: Never.self) { try HeaderName.validate("X-Request-Id", at: at) }
        #expect(throws: Never.self) { try HeaderName.validate("a-very-long-header-name-with.symbols~", at: at) }
        #expect(throws: Diagnostic.self) { try HeaderName.validate("", at: at) }
        #expect(throws: Diagnostic.self) { try HeaderName.validate("X Bench", at: at) }
        #expect(throws: Diagnostic.self) { try HeaderName.validate("X-Bénch", at: at) }
    }

    /// Readers find members as `==` does, including keys spelled with escapes or canonically equal non-ASCII
    /// text (only keys the parser saw as plain ASCII are ruled out by length).
    @Test func readerKeyMatchingAgreesWithStringEquality() throws {
        let text = "{\"name\": 1, \"na\": 2, \"\\u0074ag\": 3, \"\u{212A}ey\": 4, \"caf\u{E9}\": 5}"
        let reader = try NodeReader(JSONParser.parseNode(text, file: "k.json"), context: "test")
        func number(_ key: String) -> String? {
            guard case .number(let value) = reader.member(key)?.kind else { return nil }
            return value.text
        }
        #expect(number("name") == "1")
        #expect(number("na") == "2")
        #expect(number("nam") == nil)
        #expect(number("tag") == "3")
        #expect(reader.has("tag"))
        #expect(number("Key") == ("\u{212A}ey" == "Key" ? "4" : nil))
        #expect(number("cafe") == nil)
        #expect(!reader.has("names"))
        var member = JSONMember(
            key: "a", keyLocation: reader.location, value: JSONNode(location: reader.location, kind: .null))
        #expect(member.keyIsASCII)
        member.key = "\u{212A}"
        #expect(!member.keyIsASCII)
    }

    /// The byte scan for `${` finds it in small, large and bridged strings alike.
    @Test func referenceScanOnEveryStringForm() {
        #expect("${a}".mayReferenceVariables)
        #expect(!"$ {a}".mayReferenceVariables)
        #expect(!"{$".mayReferenceVariables)
        #expect(!"".mayReferenceVariables)
        #expect(!"$".mayReferenceVariables && !"ab$".mayReferenceVariables && !"$$x{".mayReferenceVariables)
        #expect("$$${a}".mayReferenceVariables && "a$b${".mayReferenceVariables)
        #expect((String(repeating: "x", count: 100) + "${a}").mayReferenceVariables)
        #expect(!(String(repeating: "$", count: 100) + "}{").mayReferenceVariables)
        let bridged = NSString(string: "path/${id}") as String
        #expect(bridged.mayReferenceVariables)
        #expect(!(NSString(string: "plain path") as String).mayReferenceVariables)
    }

    /// A filter that drops cases plans the others in file order, each with its own position.
    @Test func filteredPlanKeepsOrderAndPositions() throws {
        let root = try JSONParser.parseNode(
            """
            {"name": "s", "cases": [
              {"name": "a", "tags": ["x"], "request": {"path": "/a"}},
              {"name": "b", "request": {"path": "/b"}},
              {"name": "c", "tags": ["x"], "request": {"path": "/${nope}"}},
              {"name": "d", "tags": ["x"], "request": {"path": "/d", "method": "post"}}
            ]}
            """, file: "s.jsonc")
        let suite = try SuiteDecoder.decode(root, file: "s.jsonc")
        var planner = Planner(target: "http://127.0.0.1:9", environment: [:])
        planner.filter = CaseFilter(tags: ["x"])
        #expect(throws: DiagnosticList.self) { try planner.plan([suite]) }
        planner.filter = CaseFilter(tags: ["x"], skipTags: [], namePattern: "s/[ad]")
        let plan = try planner.plan([suite])
        #expect(plan.suites[0].cases.map(\.name) == ["a", "d"])
        #expect(plan.suites[0].selection.map(\.index) == [0, 3])
        #expect(plan.suites[0].cases.map(\.steps[0].request.method) == ["GET", "POST"])
    }

    /// Boxed blocks read back what was stored, and copies do not share later changes.
    @Test func boxedBlocksBehaveAsValues() {
        var expect = ResponseExpectation()
        #expect(expect.strict == nil && expect.stream == nil)
        var block = ExpectationOverride()
        block.contentType = "text/plain"
        expect.strict = block
        let copy = expect
        expect.strict?.contentType = "application/json"
        #expect(copy.strict?.contentType == "text/plain")
        #expect(expect.strict?.contentType == "application/json")
        expect.strict = nil
        #expect(expect.strict == nil && copy.strict != nil)
    }
}

/// Short strings handed back from the parser's cache are the strings written, whatever their length and place.
@Suite("Short string cache")
struct ShortStringCacheTests {
    @Test func everyLengthAndRepeatReadsBack() throws {
        // Keys and values of 1...20 bytes, each twice, differing only in their last byte or length.
        var words: [String] = []
        for length in 1...20 {
            words.append(String(repeating: "k", count: length - 1) + "a")
            words.append(String(repeating: "k", count: length - 1) + "b")
            words.append(String(repeating: "k", count: length))
        }
        let members = words.enumerated().map { "\"\($0.element)\": \"\($0.element)\"" }
        let text = "[{" + members.joined(separator: ", ") + "}, {" + members.joined(separator: ", ") + "}]"
        let node = try JSONParser.parseNode(text, file: "c.json")
        guard case .array(let objects) = node.kind else {
            Issue.record("expected an array")
            return
        }
        for object in objects {
            guard case .object(let parsed) = object.kind else {
                Issue.record("expected an object")
                continue
            }
            #expect(parsed.map(\.key) == words)
            #expect(
                parsed.map { member -> String in
                    if case .string(let value) = member.value.kind { return value }
                    return "?"
                } == words)
        }
    }

    /// Strings within 16 bytes of the end of the input, escaped strings and non-ASCII strings take the plain path.
    @Test func stringsTheCacheSkips() throws {
        #expect(try JSONParser.parseNode(#""ab""#, file: "e.json").value == .string("ab"))
        #expect(
            try JSONParser.parseNode(#"["a\nb", "a\nb", "é", "é", "x"]"#, file: "e.json").value
                == .array([.string("a\nb"), .string("a\nb"), .string("é"), .string("é"), .string("x")]))
        // An escaped key and a cached plain key with the same text are still duplicates.
        #expect(throws: Diagnostic.self) {
            try JSONParser.parseNode(#"{"a/b": 1, "a\/b": 2, "xxxxxxxxxxxxxxxx": 0}"#, file: "e.json")
        }
        #expect(throws: Diagnostic.self) {
            try JSONParser.parseNode(#"{"a\/b": 1, "a/b": 2, "xxxxxxxxxxxxxxxx": 0}"#, file: "e.json")
        }
    }
}

/// The eight-bytes-at-a-time string scan stops at every byte that needs a look, wherever it falls in a word.
@Suite("String scan")
struct StringScanTests {
    @Test func specialBytesAtEveryPosition() throws {
        let specials = ["\"", "\\", "\n", "é", "\u{1F600}", "\u{7F}", " ", "~"]
        for special in specials {
            for before in 0..<20 {
                for after in [0, 1, 7, 8, 9, 17] {
                    let text = String(repeating: "a", count: before) + special + String(repeating: "b", count: after)
                    let document = "[" + JSONWriter.quote(text) + ", 1]"
                    let parsed = try JSONParser.parseNode(document, file: "s.json")
                    #expect(parsed.value == .array([.string(text), .number(JSONNumber(text: "1"))]), "\(document)")
                    #expect(try JSONParser.parseValue(Data(document.utf8)) == parsed.value)
                }
            }
        }
    }

    @Test func rawControlCharactersAndEndsAreStillFound() {
        for before in 0..<20 {
            let padding = String(repeating: "a", count: before)
            do {
                _ = try JSONParser.parseNode("[\"" + padding + "\u{1}" + "bbbbbbbbbbbb\"]", file: "c.json")
                Issue.record("expected an error")
            } catch {
                #expect(
                    error.description
                        == "c.json:1:\(before + 3): error: control character U+0001 must be escaped in a string")
            }
            do {
                _ = try JSONParser.parseNode("[\"" + padding, file: "u.json")
                Issue.record("expected an error")
            } catch {
                #expect(
                    error.description == "u.json:1:2: error: unterminated string, expected '\"' before end of input")
            }
        }
    }

    /// Each byte value is flagged exactly when the byte loop has to look at it.
    @Test func attentionMaskPerByte() {
        for byte in UInt8.min...UInt8.max {
            let needsLook = byte == 0x22 || byte == 0x5C || byte < 0x20 || byte >= 0x80
            for position in 0..<8 {
                let word =
                    UInt64(0x6161_6161_6161_6161) & ~(UInt64(0xFF) << (position * 8)) | UInt64(byte) << (position * 8)
                let mask = JSONByteParser<JSONNodeBuilder>.stringAttention(word)
                #expect((mask != 0) == needsLook)
                if needsLook { #expect(mask.trailingZeroBitCount / 8 == position) }
            }
        }
    }
}
