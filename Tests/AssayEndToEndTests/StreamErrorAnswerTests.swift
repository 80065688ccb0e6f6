import AssayTestSupport
import Foundation
import Testing

/// `expectError` with `answer`: an error answered before the stream (a 5xx JSON envelope, here
/// assay-target's `/v1/debug/fail`) passes as the signalled error when its body has the accepted
/// shape, and fails naming the status and the body's first bytes when it has not.
@Suite("Stream errors answered before the stream, end to end")
struct StreamErrorAnswerTests {
    static func suite(answer: String) -> String {
        """
        {"name": "early", "defaults": {"headers": {"Authorization": "Bearer ${env:E2E_TOKEN}"}}, "cases": [
          {"name": "fails early", "request": {"method": "POST", "path": "/v1/debug/fail", "body": {"stream": true}},
           "expect": {"status": [200, "5xx"], "stream": {"preset": "chat", "terminator": false,
             "expectError": {"frames": [{"data": {"error": {"message": "{{string}}"}}}], "answer": \(answer)}}}}
        ]}
        """
    }

    /// Proves the envelope passes, a shape it does not have fails `error_signal`, and leaving `answer`
    /// out refuses an error before the stream: each verdict comes from the same real 500.
    @Test func answerBeforeTheStreamIsJudgedByItsBody() throws {
        let target = try TargetProcess(arguments: ["--token", EndToEndFixture.token])
        let env = ["E2E_TOKEN": EndToEndFixture.token]
        let runs: [(answer: String?, exit: Int32, text: String)] = [
            (
                #"{"error": {"message": "{{string}}", "type": "server_error", "param": "{{any}}", "code": "{{any}}"}}"#,
                0,
                "1 passed, 0 failed, 0 skipped"
            ),
            (
                #"{"error": {"code": "model_failed"}}"#, 1,
                "stream error_signal: the error answered before the stream (status 500) is not an accepted one: $.error.code:"
            ),
            (
                nil, 1,
                "stream error_signal: the error was answered before the stream (status 500), but only an error frame"
            ),
        ]
        for run in runs {
            let directory = try TemporaryDirectory()
            var text = Self.suite(answer: run.answer ?? "null")
            if run.answer == nil { text = text.replacingOccurrences(of: #", "answer": null"#, with: "") }
            try directory.write(text, to: "Suites/early.jsonc")
            let outcome = try CLIRun.assay(
                ["run", "Suites", "--target", target.baseURL], environment: env, directory: directory.url)
            #expect(outcome.exitCode == run.exit, "\(outcome.allOutput.prefix(3000))")
            #expect(outcome.stdout.contains(run.text), "\(outcome.stdout.prefix(3000))")
        }
    }
}
