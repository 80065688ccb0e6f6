import AssayTestSupport
import Foundation
import Testing

/// `--glob`: Hurl's way to pick suite files, with `**` across folders.
@Suite("Suite globs, end to end")
struct SuiteGlobTests {
    @Test func aGlobPicksTheMatchingSuitesOnly() throws {
        let server = try LoopbackServer(scripts: [[.serve { _ in LoopbackServer.response(body: "{}") }]])
        let directory = try TemporaryDirectory()
        for path in ["Suites/smoke/a.jsonc", "Suites/smoke/deep/b.jsonc", "Suites/contract/c.jsonc"] {
            let name = (path as NSString).lastPathComponent
            try directory.write(
                #"{ "cases": [ { "name": "x", "request": { "path": "/\#(name)" } } ] }"#, to: path)
        }
        let run = try CLIRun.assay(
            ["run", "--glob", "Suites/smoke/**/*.jsonc", "--target", server.baseURL], directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(Set(server.requests.map(\.target)) == ["/a.jsonc", "/b.jsonc"])
    }

    @Test func aGlobThatMatchesNothingIsAUsageError() throws {
        let directory = try TemporaryDirectory()
        try directory.write(#"{ "cases": [] }"#, to: "Suites/a.jsonc")
        let run = try CLIRun.assay(
            ["run", "--glob", "Suites/**/*.hurl", "--target", "http://127.0.0.1:1"], directory: directory.url)
        #expect(run.exitCode == 2, "\(run.allOutput)")
        #expect(run.stderr.contains("--glob \"Suites/**/*.hurl\" matches no suite file"), "\(run.stderr)")
    }
}
