import AssayKit
import Testing

@Suite struct MatchTextPatternTests {
    /// Text without holes compares literally, including `{{…}}` that is not a hole.
    @Test func literalText() throws {
        let pattern = try TextPattern(parsing: "Hello {{name}}\n")
        #expect(pattern.matches("Hello {{name}}\n"))
        #expect(!pattern.matches("Hello Ann\n"))
    }

    /// `{{any}}` matches any text, across lines, and `{{regex:…}}` matches its pattern.
    @Test func holes() throws {
        let pattern = try TextPattern(parsing: "id={{regex:[0-9a-f]{8}}} took {{any}} ms\nend")
        #expect(pattern.matches("id=deadbeef took 12.5 ms\nend"))
        #expect(!pattern.matches("id=DEADBEEF took 12 ms\nend"))
        #expect(try TextPattern(parsing: "a{{any}}z").matches("a\nb\nz"))
        #expect(try TextPattern(parsing: "x.y").matches("x.y"))
        #expect(try !TextPattern(parsing: "x.y{{any}}").matches("xzy"))
    }

    /// `\{{` writes a literal `{{`, so a literal `{{any}}` can be expected.
    @Test func escapedHole() throws {
        let pattern = try TextPattern(parsing: "\\{{any}} here")
        #expect(pattern.matches("{{any}} here"))
        #expect(!pattern.matches("anything here"))
    }

    /// The mismatch names the first differing line with the expected and actual lines.
    @Test func firstDifferingLine() throws {
        let pattern = try TextPattern(parsing: "status: ok\ntotal: {{regex:\\d+}}\ndone")
        #expect(pattern.mismatch("status: ok\r\ntotal: 12\r\ndone") == nil)
        let mismatch = try #require(pattern.mismatch("status: ok\ntotal: many\ndone"))
        #expect(mismatch.message == #"line 2: expected "total: {{regex:\\d+}}", got "total: many""#)
        #expect(mismatch.kind == .textLine(2))
        let short = try #require(pattern.mismatch("status: ok"))
        #expect(short.message == #"line 2: expected "total: {{regex:\\d+}}", got end of text"#)
        let long = try #require(TextPattern(parsing: "a").mismatch("a\nb"))
        #expect(long.message == #"line 2: expected end of text, got "b""#)
    }

    /// Broken holes are diagnostics.
    @Test func badPatterns() {
        #expect(throws: Diagnostic.self) { try TextPattern(parsing: "x {{regex:abc") }
        #expect(throws: Diagnostic.self) { try TextPattern(parsing: "x {{regex:(}}") }
    }
}
