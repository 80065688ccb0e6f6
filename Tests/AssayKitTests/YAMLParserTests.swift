import AssayKit
import Foundation
import Testing

/// The plain value of `text` parsed as YAML.
private func yaml(_ text: String) throws -> JSONValue {
    try YAMLParser.parseNode(text, file: "t.yaml").value
}

/// The diagnostic a parse of `text` throws, as `line:column: message`.
private func yamlError(_ text: String) -> String? {
    do {
        _ = try YAMLParser.parseNode(text, file: "t.yaml")
        return nil
    } catch {
        return "\(error.location.map { "\($0.line):\($0.column)" } ?? "-"): \(error.message)"
    }
}

private func json(_ text: String) throws -> JSONValue { try JSONParser.parseValue(text) }

@Suite struct YAMLParserTests {
    /// Block mappings and sequences, including a sequence at its key's own indentation and
    /// compact mappings inside sequence entries, build the same tree as the equivalent JSON.
    @Test func blockCollections() throws {
        let text = """
            openapi: 3.1.0
            info:
              title: Pets
              version: '1.0'
            tags:
            - name: pets
              description: Everything about pets
            - name: store
            servers:
              - url: https://example.test/v1
            paths:
              /pets:
                get:
                  responses:
                    200:
                      description: ok
            empty:
            """
        #expect(
            try yaml(text)
                == json(
                    """
                    {"openapi":"3.1.0","info":{"title":"Pets","version":"1.0"},
                     "tags":[{"name":"pets","description":"Everything about pets"},{"name":"store"}],
                     "servers":[{"url":"https://example.test/v1"}],
                     "paths":{"/pets":{"get":{"responses":{"200":{"description":"ok"}}}}},
                     "empty":null}
                    """))
    }

    /// Plain scalars resolve by the YAML 1.2 core schema into JSON's types; keys stay text.
    @Test func plainScalarResolution() throws {
        let value = try yaml(
            """
            a: null
            b: ~
            c: true
            d: False
            e: 42
            f: -0.5e3
            g: +7
            h: .5
            i: 0x1F
            j: 0o17
            k: 3.0.1
            l: yes
            m: .inf
            007: 1.
            """)
        #expect(
            try value
                == json(
                    #"{"a":null,"b":null,"c":true,"d":false,"e":42,"f":-500,"g":7,"h":0.5,"i":31,"j":15,"k":"3.0.1","l":"yes","m":".inf","007":1}"#
                ))
    }

    /// Every double-quoted escape decodes; single quotes double to escape themselves.
    @Test func quotedScalars() throws {
        let value = try yaml(
            #"""
            a: "tab\there \"q\" \\ \/ \x41\u00e9\U0001F600 \N\_end"
            b: 'it''s # not a comment'
            c: "x: y"
            """#)
        #expect(value["a"] == .string("tab\there \"q\" \\ / Aé😀 \u{85}\u{A0}end"))
        #expect(value["b"] == .string("it's # not a comment"))
        #expect(value["c"] == .string("x: y"))
    }

    /// Quoted and plain scalars that span lines fold: a break becomes a space, a blank line a newline,
    /// and an escaped break joins the lines.
    @Test func multiLineFlowScalars() throws {
        let value = try yaml(
            """
            plain: first line
              second line

              after blank
            double: "one
              two \\
              three"
            single: 'a

              b'
            next: 1
            """)
        #expect(value["plain"] == .string("first line second line\nafter blank"))
        #expect(value["double"] == .string("one two three"))
        #expect(value["single"] == .string("a\nb"))
        #expect(value["next"] == .number(JSONNumber(1)))
    }

    /// Literal and folded block scalars with clip, strip and keep chomping and an indentation indicator.
    @Test func blockScalars() throws {
        let value = try yaml(
            """
            literal: |
              line 1
                indented
              line 3

            folded: >
              folded
              text

              new paragraph
                kept break
              end
            strip: |-
              no newline
            keep: |+
              two newlines

            indicator: |2
                four spaces
            empty: |
            last: >-
              a
              b
            """)
        #expect(value["literal"] == .string("line 1\n  indented\nline 3\n"))
        #expect(value["folded"] == .string("folded text\nnew paragraph\n  kept break\nend\n"))
        #expect(value["strip"] == .string("no newline"))
        #expect(value["keep"] == .string("two newlines\n\n"))
        #expect(value["indicator"] == .string("  four spaces\n"))
        #expect(value["empty"] == .string(""))
        #expect(value["last"] == .string("a b"))
    }

    /// Flow collections may span lines, hold comments, quoted JSON-style keys and nested collections.
    @Test func flowCollections() throws {
        let value = try yaml(
            """
            enum: [a, "b", 'c', 1, null,
              # a comment inside
              [nested], {k: v}]
            json: {"a":1, "b": [true, false]}
            empty: {}
            pairs: [x: 1]
            implicit: {a, b: }
            url: [http://example.test:8080/path]
            """)
        #expect(
            try value
                == json(
                    """
                    {"enum":["a","b","c",1,null,["nested"],{"k":"v"}],"json":{"a":1,"b":[true,false]},"empty":{},
                     "pairs":[{"x":1}],"implicit":{"a":null,"b":null},"url":["http://example.test:8080/path"]}
                    """))
    }

    /// Anchors, aliases and merge keys: an alias copies its anchor's node, `<<` merges members that
    /// are not written explicitly, and `!!str` keeps a scalar as text.
    @Test func anchorsAliasesAndMerge() throws {
        let value = try yaml(
            """
            base: &base
              type: object
              nullable: false
            copy: *base
            merged:
              <<: *base
              nullable: true
            list: [&one 1, *one]
            ? explicit key
            : nested: value
              more: 2
            ? no value
            text: !!str 123
            """)
        #expect(value["copy"] == value["base"])
        #expect(value["merged"] == (try json(#"{"type":"object","nullable":true}"#)))
        #expect(value["list"] == (try json("[1, 1]")))
        #expect(value["text"] == .string("123"))
        #expect(value["explicit key"] == (try json(#"{"nested":"value","more":2}"#)))
        #expect(value["no value"] == .null)
    }

    /// Every node keeps the line and column where it starts, Unicode characters counting as one column.
    @Test func locations() throws {
        let node = try YAMLParser.parseNode(
            """
            # comment
            paths:
              /pets:
                get: {operationId: "é-list", tags: [a]}
              list:
                - x
                - |
                  text
            """, file: "spec.yaml")
        guard case .object(let root) = node.kind, case .object(let paths) = root[0].value.kind else {
            Issue.record("expected mappings")
            return
        }
        #expect(root[0].keyLocation.description == "spec.yaml:2:1")
        #expect(paths[0].keyLocation.description == "spec.yaml:3:3")
        guard case .object(let operation) = paths[0].value.kind, case .object(let get) = operation[0].value.kind
        else {
            Issue.record("expected the operation")
            return
        }
        #expect(operation[0].value.location.description == "spec.yaml:4:10")
        #expect(get[1].keyLocation.description == "spec.yaml:4:34")
        guard case .array(let items) = paths[1].value.kind else {
            Issue.record("expected the list")
            return
        }
        #expect(items[0].location.description == "spec.yaml:6:7")
        #expect(items[1].location.description == "spec.yaml:7:7")
    }

    /// Documents with markers, directives, a byte-order mark and CRLF line breaks parse; an empty one is null.
    @Test func documentFraming() throws {
        #expect(try yaml("%YAML 1.2\n---\na: 1\n...\n") == (try json(#"{"a":1}"#)))
        #expect(try yaml("\u{FEFF}a: 1\r\nb: [2,\r\n 3]\r\n") == (try json(#"{"a":1,"b":[2,3]}"#)))
        #expect(try yaml("--- |\n  text\n") == .string("text\n"))
        #expect(try yaml("# only a comment\n") == .null)
        #expect(try yaml("- a\n- - b\n  - c\n") == (try json(#"["a",["b","c"]]"#)))
    }

    /// Malformed input gets a positioned error saying what was expected.
    @Test func positionedErrors() {
        #expect(yamlError("a: 1\na: 2\n") == "2:1: duplicate key `a` (first defined at line 1, column 1)")
        #expect(yamlError("a:\n  b: 1\n    c: 2\n") == "3:6: unexpected `: ` inside a plain value")
        #expect(
            yamlError("a:\n  b: [1]\n    c: 2\n")?.hasPrefix(
                "3:5: unexpected indentation: expected a key at column 3 or less") == true)
        #expect(yamlError("a: \"open\nb: 1\n") == "1:4: unterminated double-quoted string")
        #expect(yamlError("a: [1, 2\n") == "1:4: unterminated flow sequence: expected `]`")
        #expect(yamlError("a: {b: 1] }\n")?.hasPrefix("1:9: expected `,` or `}` in a flow mapping, found `]`") == true)
        #expect(yamlError("a: \"\\q\"\n")?.hasPrefix("1:5: unknown escape `\\q`") == true)
        #expect(yamlError("a: *nowhere\n")?.hasPrefix("1:4: unknown alias `*nowhere`") == true)
        #expect(yamlError("a: b: c\n")?.hasPrefix("1:4: a mapping cannot start on the same line as its key") == true)
        #expect(yamlError("a: - b\n")?.hasPrefix("1:4: a sequence cannot start on the same line as its key") == true)
        #expect(yamlError("a: 1\n---\nb: 2\n")?.hasPrefix("2:1: a second document") == true)
        #expect(yamlError("? [a]\n: b\n")?.hasPrefix("1:3: a collection cannot be a mapping key") == true)
        #expect(yamlError("a:\n\tb: 1\n")?.hasPrefix("2:2: a tab is not allowed in indentation") == true)
        #expect(yamlError("a: |x\n")?.hasPrefix("1:5: expected `-`, `+`, an indentation digit") == true)
        #expect(yamlError("a: \u{1}\n")?.hasPrefix("1:4: control character U+1") == true)
        #expect(yamlError("- a\nb: 1\n")?.hasPrefix("2:1: unexpected `b`") == true)
    }

    /// The characters are checked eight bytes at a time: a control character beside a line feed in
    /// one word, or after multi-byte characters, is still found at its place, and a lone `\r` in a
    /// file of long lines still breaks the line.
    @Test func controlCharactersInWholeWords() throws {
        #expect(yamlError("abcdefgh: ijklmnop\nq: r\u{0B}s\n")?.hasPrefix("2:5: control character U+B") == true)
        #expect(yamlError("key: ééé\u{7}\n")?.hasPrefix("1:9: control character U+7") == true)
        #expect(try yaml("aaaaaaaa: 1\rbbbbbbbb: 2\n") == (try json(#"{"aaaaaaaa":1,"bbbbbbbb":2}"#)))
    }

    /// Invalid UTF-8 is rejected at its position instead of being repaired silently.
    @Test func invalidUTF8() {
        do {
            _ = try YAMLParser.parseNode(data: Data([0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A]), file: "bad.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.location?.description == "bad.yaml:1:4")
            #expect(error.message.hasPrefix("invalid UTF-8"))
        }
    }

    /// Hostile nesting fails with an error at the depth bound instead of overflowing the stack.
    @Test func depthBound() {
        let flow = String(repeating: "[", count: 100_000)
        #expect(yamlError(flow)?.contains("nesting is deeper than \(YAMLParser.maxDepth) levels") == true)
        var block = ""
        for level in 0..<1_000 { block += String(repeating: " ", count: level) + "k:\n" }
        #expect(yamlError(block)?.contains("nesting is deeper than") == true)
        var sequence = ""
        for level in 0..<1_000 { sequence += String(repeating: " ", count: level * 2) + "-\n" }
        #expect(yamlError(sequence)?.contains("nesting is deeper than") == true)
    }

    /// A "billion laughs" file stops at the alias bound instead of expanding exponentially.
    @Test func aliasBombBound() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<10 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        #expect(yamlError(text)?.contains("aliases expand to more than") == true)
    }
}
