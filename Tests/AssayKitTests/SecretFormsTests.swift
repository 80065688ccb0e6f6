import Foundation
import Testing

@testable import AssayKit

/// The redactor finds a secret in each form it takes on its way to an output, and nothing else.
@Suite struct SecretFormsTests {
    static let secret = "s3cr:t/k+y é"
    let redactor = Redactor(secrets: [Self.secret])

    /// Percent-encoding in either hex case, `+` for space, and `%25` escaping again (annotations).
    @Test func percentEncoded() {
        let allowed = CharacterSet.alphanumerics.subtracting(CharacterSet(charactersIn: "é"))
        let upper = Self.secret.addingPercentEncoding(withAllowedCharacters: allowed)!
        #expect(upper.contains("%3A"))
        for form in [
            upper, upper.lowercased(), upper.replacingOccurrences(of: "%20", with: "+"),
            upper.replacingOccurrences(of: "%", with: "%25"),
        ] {
            #expect(redactor.redact("q=\(form)&next=1") == "q=***&next=1", "\(form)")
        }
        // Partly encoded, as encoders that leave `:` and `/` alone write it.
        #expect(redactor.redact("s3cr:t/k%2By%20%C3%A9") == "***")
    }

    /// The first character as itself and the next one encoded: the cheap filter that skips most
    /// positions (`SecretPattern.mayStart`) must still let these through, for a one-byte and a
    /// two-byte first character.
    @Test func firstCharacterAsItselfThenEncoded() {
        for form in ["s%33cr:t/k+y é", "s%2533cr:t/k+y é", #"s\u0033cr:t/k+y é"#, "s&#51;cr:t/k+y é"] {
            #expect(redactor.redact("[\(form)]") == "[***]", "\(form)")
        }
        let accented = Redactor(secrets: ["é-token"])
        for form in ["é%2Dtoken", "é%2dtoken", "é\\-token", "%C3%A9-token", #"\u00e9-token"#] {
            #expect(accented.redact("<\(form)>") == "<***>", "\(form)")
        }
        // The first letter alone, or with a second that fits no form, is left alone.
        #expect(redactor.redact("ss s3 s-3cr sx") == "ss s3 s-3cr sx")
    }

    /// JSON strings, once and twice escaped, with `\/` and `\u` escapes.
    @Test func jsonEscaped() throws {
        let once = String(decoding: try JSONEncoder().encode(Self.secret), as: UTF8.self)
        let twice = String(decoding: try JSONEncoder().encode(once), as: UTF8.self)
        #expect(once.contains("\\/"))
        for form in [once, #""s3cr:t\/k+y \u00e9""#, #""s3cr\u003at/k+y \u00E9""#] {
            #expect(redactor.redact("{\"v\":\(form)}") == "{\"v\":\"***\"}", "\(form)")
        }
        // Escaped twice, as `report.json` holds a JSON body: only the outer quotes remain.
        #expect(redactor.redact(twice) == #""\"***\"""#)
    }

    /// A `\u` escape inside a JSON string escaped again (`\\u00e9`), and a character beyond the
    /// BMP as JSON writes it: a UTF-16 surrogate pair, once or twice escaped.
    @Test func unicodeEscapesTwiceAndSurrogatePairs() {
        #expect(redactor.redact(#"["s3cr:t/k+y \\u00e9"]"#) == #"["***"]"#)
        let astral = Redactor(secrets: ["k😀y-42"])
        for form in [#"k\uD83D\uDE00y-42"#, #"k\ud83d\ude00y-42"#, #"k\\uD83D\\uDE00y-42"#, "k&#128512;y-42"] {
            #expect(astral.redact("<\(form)>") == "<***>", "\(form)")
        }
        // Half a pair is another text.
        #expect(astral.redact(#"k\uD83Dy-42"#) == #"k\uD83Dy-42"#)
    }

    /// Base64 in both alphabets, at each alignment inside a longer text, and as Basic credentials.
    @Test func base64() {
        let bytes = Data(Self.secret.utf8)
        for prefix in ["", "u", "us", "user:"] {
            let encoded = (Data(prefix.utf8) + bytes + Data("!".utf8)).base64EncodedString()
            let urlSafe = encoded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            for form in [encoded, urlSafe] {
                let redacted = redactor.redact("Basic \(form)")
                #expect(redacted.contains(Redactor.mask), "\(prefix): \(form)")
                // The prefix's characters stay, and at most the two that mix in a neighbour's bits.
                let kept = (prefix.utf8.count / 3) * 4 + 2 + "!".count + 4
                #expect(redacted.count <= "Basic ".count + Redactor.mask.count + kept, "\(redacted)")
            }
        }
    }

    /// XML and HTML entities, and a shell's `'\''`.
    @Test func markupAndShell() {
        let quoted = "it's&<k>\"1"
        let redactor = Redactor(secrets: [quoted])
        #expect(redactor.redact("it&apos;s&amp;&lt;k&gt;&quot;1") == "***")
        #expect(redactor.redact("it&#39;s&amp;&lt;k&gt;&quot;1") == "***")
        #expect(redactor.redact(#"'it'\''s&<k>"1'"#) == "'***'")
    }

    /// A secret cut short by `…` (abbreviated messages) or by the end of a cut body loses its start too.
    @Test func cutSecrets() {
        #expect(redactor.redact("got \"s3cr:t/…") == "got \"***…")
        #expect(redactor.redact("body s3cr:", endIsCut: true) == "body ***")
        #expect(redactor.redact("body s3cr:") == "body s3cr:")
        // One byte before the mark is not enough to tell a secret from a word.
        #expect(redactor.redact("as…") == "as…")
    }

    /// Secrets shorter than the minimum are noted by source and never masked inside words.
    @Test func shortSecretsAreRefused() {
        let redactor = Redactor()
        redactor.add("c", source: "`${env:C}`")
        #expect(redactor.redact("could not execute") == "could not execute")
        #expect(redactor.tooShortSources == ["`${env:C}`"])
        #expect(redactor.secrets.isEmpty)
    }

    /// Copies share what they know: a secret captured in one case is masked by the run's redactor.
    @Test func copiesShareSecrets() {
        let run = Redactor()
        let perCase = run
        perCase.add("captured-token")
        #expect(run.redact("x captured-token y") == "x *** y")
    }

    /// Text without any form of the secret comes back unchanged, escapes and all.
    @Test func otherTextUnchanged() {
        let text = #"{"a":"\u00e9\n%20+&amp;","b":"s3cr"} 100% done"#
        #expect(redactor.redact(text) == text)
    }
}
