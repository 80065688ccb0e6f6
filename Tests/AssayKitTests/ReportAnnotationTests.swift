import Foundation
import Testing

@testable import AssayKit

/// GitHub workflow-command annotations.
@Suite struct ReportAnnotationTests {
    /// GitHub's syntax: `::error` then optional ` key=value,…` properties, then `::` and the data.
    /// Property values may not hold a raw `,` `:` CR or LF, the data no raw CR or LF, and every
    /// `%` starts one of the escapes the runner decodes.
    static let pattern =
        #"^::error(?: ((?:file|line|col|endLine|endColumn|title)=(?:[^,:\r\n%]|%(?:25|0D|0A|3A|2C))*(?:,(?:file|line|col|endLine|endColumn|title)=(?:[^,:\r\n%]|%(?:25|0D|0A|3A|2C))*)*))?::(?:[^\r\n%]|%(?:25|0D|0A))*$"#

    /// Whether `line` is a well-formed `::error` command.
    /// (ICU's engine: Swift's `Regex` let an LF through `(?:[^\r\n%]|%0A)*` in Swift 6.3.)
    static func isCommand(_ line: String) throws -> Bool {
        let regex = try NSRegularExpression(pattern: pattern)
        let range = NSRange(line.startIndex..., in: line)
        return regex.firstMatch(in: line, options: [.anchored, .withoutAnchoringBounds], range: range)?.range == range
    }

    /// Each failed or unexecutable case yields one line matching the syntax and pointing at its file and line.
    @Test func linesMatchWorkflowCommandSyntax() throws {
        let lines = GitHubAnnotations.lines(ReportFixtures.run())
        #expect(lines.count == 2)
        for line in lines {
            #expect(try Self.isCommand(line), "\(line)")
        }
        #expect(
            lines[0].hasPrefix(
                "::error file=Suites/chat.jsonc,line=30,col=7,title=assay%3A chat / rejects bad key%2C 100%25%3A yes failed::"
            ))
        #expect(lines[1].hasPrefix("::error file=Suites/models.jsonc,line=20,col=7,title="))
        // The multi-line message survives as escaped newlines, and `%` in it is escaped.
        #expect(lines[0].contains("body: 2 differences, 50%25 off: a, b%0A"))
        #expect(lines[0].contains("/id: missing%0Asecond line"))
    }

    /// The workflow-command syntax check rejects unescaped properties and line breaks (the escapers
    /// themselves are tested in `TextEscapingTests`).
    @Test func escaping() throws {
        #expect(try !Self.isCommand("::error title=a,b:c::x"))
        #expect(try !Self.isCommand("::error title=ok::line\nbreak"))
        #expect(try Self.isCommand("::error file=a.jsonc,line=3::ok"))
    }

    /// Annotations are only on inside GitHub Actions.
    @Test func enabledOnlyOnGitHubActions() {
        #expect(GitHubAnnotations.enabled(["GITHUB_ACTIONS": "true"]))
        #expect(!GitHubAnnotations.enabled([:]))
        #expect(!GitHubAnnotations.enabled(["GITHUB_ACTIONS": "false"]))
    }
}
