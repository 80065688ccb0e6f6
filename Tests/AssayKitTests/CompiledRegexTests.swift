import Testing

@testable import AssayKit

/// Swift `Regex` in place of NSRegularExpression: the ICU syntax docs/MATCHERS.md promises, and
/// ICU's code-point matching, hold for what suites write.
@Suite("Compiled regular expressions")
struct CompiledRegexTests {
    /// The constructs suites use compile and match as ICU matches them.
    @Test(arguments: [
        (#"\A(?:chatcmpl-[A-Za-z0-9]+)\z"#, "chatcmpl-abc123", true),
        (#"\A(?:chatcmpl-[A-Za-z0-9]+)\z"#, "chatcmpl-", false),
        (#"^\d{3}-\d{4}$"#, "555-1234", true),
        (#"(?i)^bearer\s+\S+$"#, "BEARER sk-1", true),
        (#"\A(?:a|ab)\z"#, "ab", true),
        (#"\A(?:a|ab)\z"#, "abc", false),
        (#"^\p{Lu}\p{Ll}+$"#, "Émile", true),
        (#"^[\w.-]+@[\w-]+\.\w+$"#, "dev.ops@example.com", true),
        (#"^(?=.*\d)\w{4}$"#, "ab1c", true),
        (#"^(?=.*\d)\w{4}$"#, "abcd", false),
        (#"^\x{41}\u0042$"#, "AB", true),
    ])
    func icuSyntax(pattern: String, text: String, matches: Bool) throws {
        #expect(try CompiledRegex(pattern).found(in: text) == matches)
    }

    /// `.` takes one code point, as in ICU, not a whole grapheme cluster.
    @Test func matchesByCodePoint() throws {
        let accented = "e\u{301}"
        #expect(try !CompiledRegex(#"\A.\z"#).found(in: accented))
        #expect(try CompiledRegex(#"\A..\z"#).found(in: accented))
    }

    /// An escaped string matches exactly itself, whatever punctuation, control or non-ASCII text it holds.
    @Test(arguments: [
        "a.b*c+d?e(f)[g]{h}|i^j$k\\l/m", "tab\there\nnewline\r\u{1}", "models / list (GET)", "Ünïcødé 日本 🙂", "",
    ])
    func escapedMatchesItselfOnly(text: String) throws {
        let exact = try CompiledRegex(#"\A"# + CompiledRegex.escaped(text) + #"\z"#)
        #expect(exact.found(in: text))
        #expect(!exact.found(in: text + "x"))
        #expect(!exact.found(in: "x" + text))
    }

    /// A broken pattern is an error that says what is wrong and at which character of the pattern
    /// as written, not a crash nor "The operation could not be completed".
    @Test(arguments: [
        ("a(b", "at character 4: expected ')'"),
        ("[z-a]", "at character 3: character 'z' must compare less than or equal to 'a'"),
        ("ab**", "at character 4: quantifier '*' must appear after expression"),
        ("é(?z)", "at character 4: unknown group kind '(?z'"),
    ])
    func brokenPatternSaysWhatAndWhere(pattern: String, message: String) {
        #expect(throws: RegexProblem.self) { try CompiledRegex(pattern) }
        do {
            _ = try CompiledRegex(pattern)
        } catch {
            #expect(error.description == message)
            #expect(!error.description.contains("could not be completed"))
        }
    }
}
