import AssayTestSupport
import Foundation
import Testing

/// The request `cookies` map reaches the wire as one `Cookie` header.
@Suite("Request cookies, end to end")
struct RequestCookiesTests {
    @Test func cookiesAreSentInOneHeader() throws {
        let server = try LoopbackServer(scripts: [[.serve { _ in LoopbackServer.response(body: "{}") }]])
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "variables": { "sid": "s-1234" }, "cases": [ { "name": "c", "request": { "path": "/me",
                "headers": { "Cookie": "theme=dark" }, "cookies": { "session": "${sid}", "n": 2 } } } ] }
            """, to: "Suites/c.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(server.requests.first?.header("Cookie") == "theme=dark; session=s-1234; n=2")
    }

    @Test func aBadCookieNameIsAPositionedSuiteError() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "c", "request": { "path": "/",
                "cookies": { "a b": "x" } } } ] }
            """, to: "Suites/bad.jsonc")
        let lint = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(lint.exitCode == 2, "\(lint.allOutput)")
        #expect(lint.allOutput.contains("bad.jsonc:2:"), "\(lint.allOutput)")
        #expect(lint.allOutput.contains("expected a cookie name"), "\(lint.allOutput)")
    }
}
