import Foundation
import Testing

@testable import AssayKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every escaper of `TextEscaping`, each checked against what its destination makes of the result.
@Suite struct TextEscapingTests {
    /// What a hostile target puts in a header or body to take over a terminal or a CI log.
    static let hostile = "ok\u{1B}[2J\u{1B}]0;pwned\u{07}\rREWRITTEN \u{9B}31m \u{202E}txt.exe\u{2066}\u{7F}"

    /// Controls, C1 and direction overrides become visible escapes; line feeds, tabs and the rest stay.
    @Test func terminal() {
        let escaped = TextEscaping.terminal(Self.hostile + "\n\tnext é 日")
        #expect(
            escaped == #"ok\x1B[2J\x1B]0;pwned\x07\x0DREWRITTEN \x9B31m \u{202E}txt.exe\u{2066}\x7F"# + "\n\tnext é 日")
        #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        #expect(TextEscaping.terminal("plain text") == "plain text")
    }

    /// No line can start a workflow command, indented or not; `::` elsewhere stays.
    @Test func workflowCommands() {
        let text = "::add-mask::x\n  ::stop-commands::tok\nsee a::b\n\t::error::x"
        #expect(
            TextEscaping.noWorkflowCommands(text)
                == "\\x3A:add-mask::x\n  \\x3A:stop-commands::tok\nsee a::b\n\t\\x3A:error::x")
    }

    /// XML keeps markup out and drops what XML 1.0 forbids.
    @Test func xml() throws {
        let escaped = TextEscaping.xml("<a href=\"x\">'&'</a>\u{1B}\u{FFFE}")
        #expect(escaped == "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\u{FFFD}\u{FFFD}")
        let document = try XMLDocument(xmlString: "<r a=\"\(escaped)\">\(escaped)</r>")
        #expect(document.rootElement()?.stringValue == "<a href=\"x\">'&'</a>\u{FFFD}\u{FFFD}")
    }

    /// Markdown cells and code spans cannot open a new cell, a tag or a code span, nor hold a control.
    @Test func markdown() {
        #expect(TextEscaping.markdownCell("a|b<i>\\\n\u{1B}") == "a\\|b&lt;i&gt;\\\\ \\\\x1B")
        #expect(TextEscaping.markdownCode("a`b|c\n\u{7}") == "a'b¦c \\x07")
    }

    /// TAP descriptions cannot start a directive or a new line; YAML scalars are JSON strings.
    @Test func tapAndYAML() throws {
        #expect(TextEscaping.tapDescription("a # TODO\nb\\") == "a \\# TODO b\\\\")
        let quoted = TextEscaping.yamlQuoted("q\"\\\n\u{1B}\u{85}\u{202E}")
        #expect(quoted == #""q\"\\\n\u001b\u0085\u202e""#)
        // JSON syntax, which YAML accepts: a JSON parser gives the text back.
        let back = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(back == ["q\"\\\n\u{1B}\u{85}\u{202E}"])
    }

    /// Workflow command data and properties follow the runner's rules.
    @Test func annotations() {
        #expect(TextEscaping.annotationData("50%\r\nok: a,b") == "50%25%0D%0Aok: a,b")
        #expect(TextEscaping.annotationProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
    }

    /// Runs `printf %s <word>` through a real shell and returns what the shell passed as the argument.
    private func shellEcho(_ quotedWord: String, shell: String = "/bin/bash") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-c", "printf %s " + quotedWord]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }

    /// Single quotes are closed, escaped and reopened, and the shell gives back the original text.
    @Test func shellSingleQuotes() throws {
        let quoted = TextEscaping.shellWord("it's a 'test'")
        #expect(quoted == #"'it'\''s a '\''test'\'''"#)
        #expect(try shellEcho(quoted, shell: "/bin/sh") == "it's a 'test'")
    }

    /// Control characters, C1 and direction overrides keep the command on one line, out of the
    /// terminal, and survive the shell.
    @Test func shellControls() throws {
        let original = "line one\nline 'two'\t\\end\u{1}\u{1B}[31m\u{202E}"
        let quoted = TextEscaping.shellWord(original)
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
        #expect(quoted.hasPrefix("$'"))
        #expect(try shellEcho(quoted) == original)
    }

    /// Safe words stay bare; empty and shell-special words get quotes.
    @Test func shellOnlyWhenNeeded() {
        #expect(TextEscaping.shellWord("http://127.0.0.1:8080/v1/models") == "http://127.0.0.1:8080/v1/models")
        #expect(TextEscaping.shellWord("") == "''")
        #expect(TextEscaping.shellWord("a b$c") == "'a b$c'")
    }
}
