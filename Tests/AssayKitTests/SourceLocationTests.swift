import Foundation
import Testing

@testable import AssayKit

/// Locations keep their file in a process-wide table; they must still behave like plain values.
@Suite("Source locations")
struct SourceLocationTests {
    @Test func fileLineAndColumnReadBack() {
        let location = SourceLocation(file: "Suites/a-rather-long-name.jsonc", line: 12, column: 7)
        #expect(location.file == "Suites/a-rather-long-name.jsonc")
        #expect(location.line == 12)
        #expect(location.column == 7)
        #expect(location.description == "Suites/a-rather-long-name.jsonc:12:7")
    }

    @Test func equalityFollowsTheFileName() {
        let first = SourceLocation(file: "x/one.jsonc", line: 1, column: 2)
        #expect(first == SourceLocation(file: "x/" + "one.jsonc", line: 1, column: 2))
        #expect(first != SourceLocation(file: "x/two.jsonc", line: 1, column: 2))
        #expect(first != SourceLocation(file: "x/one.jsonc", line: 1, column: 3))
        #expect(Set([first, SourceLocation(file: "x/one.jsonc", line: 1, column: 2)]).count == 1)
        #expect(SourceLocation(file: "", line: 0, column: 0).file == "")
    }

    @Test func settersChangeOnlyTheirPart() {
        var location = SourceLocation(file: "a.jsonc", line: 3, column: 4)
        location.file = "b.jsonc"
        location.line += 1
        location.column = 9
        #expect(location == SourceLocation(file: "b.jsonc", line: 4, column: 9))
    }

    /// The encoded form names the file, as before the table (reports written by older runs still decode).
    @Test func codableKeepsTheFileName() throws {
        let location = SourceLocation(file: "Suites/codable.jsonc", line: 5, column: 11)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(location)
        #expect(String(decoding: data, as: UTF8.self) == #"{"column":11,"file":"Suites\/codable.jsonc","line":5}"#)
        let decoded = try JSONDecoder().decode(
            AssayKit.SourceLocation.self, from: Data(#"{"file":"Suites/other.jsonc","line":2,"column":3}"#.utf8))
        #expect(decoded == SourceLocation(file: "Suites/other.jsonc", line: 2, column: 3))
        let roundTrip = try JSONDecoder().decode(AssayKit.SourceLocation.self, from: data)
        #expect(roundTrip == location)
    }

    /// Parsed nodes carry the file the parser was given.
    @Test func parsedNodesNameTheirFile() throws {
        let node = try JSONParser.parseNode("{\n  \"a\": [1]\n}", file: "Suites/parsed.jsonc")
        guard case .object(let members) = node.kind else {
            Issue.record("expected an object")
            return
        }
        #expect(members[0].keyLocation == SourceLocation(file: "Suites/parsed.jsonc", line: 2, column: 3))
        #expect(members[0].value.location.description == "Suites/parsed.jsonc:2:8")
    }

    @Test func renderedDiagnosticQuotesItsLineWithACaret() {
        let text = "{\r\n  \"name\": \"x\",\r\n\t\"hedaers\": {}\r\n}\r\n"
        let diagnostic = Diagnostic(
            "unknown key `hedaers`", at: SourceLocation(file: "s.jsonc", line: 3, column: 2),
            hint: "did you mean `headers`?")
        let rendered = DiagnosticRenderer.render(diagnostic) { _ in text }
        #expect(
            rendered == """
                error: unknown key `hedaers`
                  --> s.jsonc:3:2
                  |
                3 |  "hedaers": {}
                  |  ^
                   = hint: did you mean `headers`?
                """)
    }

    @Test func renderedDiagnosticFindsLinesFarDownAndSkipsLinesPastTheEnd() {
        let text = (1...20_000).map { "line \($0)" }.joined(separator: "\n")
        let far = DiagnosticRenderer.render(
            Diagnostic("bad", at: SourceLocation(file: "big.jsonc", line: 19_999, column: 6))
        ) { _ in text }
        #expect(far.contains("19999 | line 19999\n"))
        #expect(far.hasSuffix("      |      ^"))
        let past = DiagnosticRenderer.render(
            Diagnostic("bad", at: SourceLocation(file: "big.jsonc", line: 20_001, column: 1))
        ) { _ in text }
        #expect(past == "error: bad\n  --> big.jsonc:20001:1")
    }

    /// A thousand errors in one file: the file is read once, and each error still quotes its own line
    /// (of the right file, and none for a file that cannot be read).
    @Test func renderingManyDiagnosticsReadsEachFileOnce() {
        let texts = ["a.jsonc": (1...1_000).map { "a\($0)" }.joined(separator: "\n"), "b.jsonc": "b1\nb2"]
        var diagnostics = (1...1_000).map {
            Diagnostic("bad", at: SourceLocation(file: "a.jsonc", line: $0, column: 1))
        }
        diagnostics.append(Diagnostic("bad", at: SourceLocation(file: "b.jsonc", line: 2, column: 2)))
        diagnostics.append(Diagnostic("bad", at: SourceLocation(file: "gone.jsonc", line: 1, column: 1)))
        var reads: [String: Int] = [:]
        let rendered = DiagnosticRenderer.render(all: diagnostics) { path in
            reads[path, default: 0] += 1
            return texts[path]
        }
        #expect(reads == ["a.jsonc": 1, "b.jsonc": 1, "gone.jsonc": 1])
        #expect(rendered.count == 1_002)
        #expect(rendered[0].contains("1 | a1\n"))
        #expect(rendered[776].contains("777 | a777\n"))
        #expect(rendered[1_000].contains("2 | b2\n"))
        #expect(rendered[1_001] == "error: bad\n  --> gone.jsonc:1:1")
    }
}
