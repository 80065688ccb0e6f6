import AssayTestSupport
import Foundation
import Testing

/// A target that answers with terminal escapes, a carriage return, direction overrides and workflow
/// commands, in headers and body, can neither colour nor rewrite the console or CI log, nor issue
/// a GitHub workflow command; the Markdown report holds no control character either.
@Suite("Terminal and log injection, end to end")
struct TerminalInjectionTests {
    static let body =
        "{\"msg\":\"hi\"}\n::add-mask::hidden\n  ::stop-commands::endtoken\n\u{1B}[2J\u{1B}[31mRED\u{07}\rOVERWRITTEN \u{9B}0m \u{202E}gnp.exe\n"

    static func answer(_ request: LoopbackServer.RecordedRequest) -> Data {
        var head = "HTTP/1.1 500 Bad\u{1B}[5m\r\n"
        head += "X-Evil: \u{1B}]0;title\u{07}\u{1B}[2K::warning::from-header\r\n"
        head += "Content-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        return Data((head + body).utf8)
    }

    /// Whether a line would be read as a workflow command by the Actions runner (indentation ignored).
    static func startsCommand(_ line: Substring) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("::")
    }

    @Test func hostileBytesAreInert() throws {
        let server = try LoopbackServer(scripts: [[.serve(Self.answer)]])
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "name": "hostile", "cases": [
              { "name": "evil", "request": { "path": "/evil" }, "expect": { "status": 200, "headers": { "X-Evil": "calm" } } }
            ] }
            """, to: "Suites/hostile.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "-vv", "--out", "out"],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": directory.url.path + "/out/summary.md"],
            directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        // The target's bytes were shown, escaped.
        #expect(run.stdout.contains(#"\x1B[2J\x1B[31mRED\x07\x0DOVERWRITTEN"#))
        #expect(run.stdout.contains(#"\u{202E}gnp.exe"#))
        for scalar in run.allOutput.unicodeScalars {
            #expect(
                scalar == "\n" || scalar == "\t"
                    || (scalar.value >= 0x20 && scalar.value != 0x7F
                        && !(0x80...0x9F).contains(scalar.value) && scalar.value != 0x202E),
                "console holds U+\(String(scalar.value, radix: 16))")
        }
        let commands = run.stdout.split(separator: "\n").filter(Self.startsCommand)
        #expect(commands.count == 1)
        #expect(commands.allSatisfy { $0.hasPrefix("::error file=Suites/hostile.jsonc") }, "\(commands)")
        for file in ["out/report.md", "out/summary.md"] {
            let markdown = try directory.read(file)
            #expect(!markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(file)")
            #expect(markdown.contains(#"\x1B[31mRED"#), "\(file)")
        }
    }
}
