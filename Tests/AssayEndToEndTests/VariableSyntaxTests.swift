import AssayTestSupport
import Foundation
import Testing

/// `${env:NAME:-default}` reaches the wire; an unterminated `${` stops the run before anything is sent.
@Suite("Variable syntax, end to end")
struct VariableSyntaxTests {
    @Test func anEnvironmentDefaultIsSentWhenTheVariableIsUnset() throws {
        let server = try LoopbackServer(scripts: [[.serve { _ in LoopbackServer.response(body: "{}") }]])
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "item", "request": {
                "path": "/items/${env:ASSAY_TEST_ITEM:-42}",
                "headers": { "X-Region": "${env:ASSAY_TEST_REGION:-eu-1}" } } } ] }
            """, to: "Suites/defaults.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL], environment: ["ASSAY_TEST_REGION": "us-east-9"],
            directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        let request = try #require(server.requests.first)
        #expect(request.target == "/items/42")
        #expect(request.header("X-Region") == "us-east-9")
    }

    @Test func anUnterminatedReferenceIsAPositionedSuiteError() throws {
        let server = try LoopbackServer(scripts: [[.serve { _ in LoopbackServer.response(body: "{}") }]])
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "item",
                "request": { "path": "/items/${known" } } ] }
            """, to: "Suites/open.jsonc")
        let lint = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(lint.exitCode == 2, "\(lint.allOutput)")
        #expect(lint.allOutput.contains("open.jsonc:2:"), "\(lint.allOutput)")
        #expect(lint.allOutput.contains("unterminated `${`"), "\(lint.allOutput)")
        let run = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        #expect(run.exitCode == 2, "\(run.allOutput)")
        #expect(server.requests.isEmpty)
    }
}
