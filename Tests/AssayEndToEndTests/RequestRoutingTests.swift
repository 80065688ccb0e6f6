import AssayTestSupport
import Foundation
import Testing

/// How a request finds its server: `--resolve`, `--connect-to` and `--proxy` with made-up host
/// names that only ever reach 127.0.0.1, and redirects chosen per case.
@Suite("Routing and redirect options, end to end")
struct RequestRoutingTests {
    private static func okServer() throws -> LoopbackServer {
        try LoopbackServer(scripts: [[.serve { _ in LoopbackServer.response(body: "{}") }]])
    }

    private static let plainSuite = #"{ "cases": [ { "name": "ping", "request": { "path": "/ping" } } ] }"#

    @Test func resolveAnswersAMadeUpHostWithLoopback() throws {
        let server = try Self.okServer()
        let directory = try TemporaryDirectory()
        try directory.write(Self.plainSuite, to: "Suites/s.jsonc")
        let host = "staging.assay.test:\(server.port)"
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", "http://\(host)", "--resolve", "\(host):127.0.0.1"],
            directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(server.requests.first?.header("Host") == host)
    }

    @Test func connectToSendsAHostsTrafficToAnotherAddress() throws {
        let server = try Self.okServer()
        let directory = try TemporaryDirectory()
        try directory.write(Self.plainSuite, to: "Suites/s.jsonc")
        let run = try CLIRun.assay(
            [
                "run", "Suites", "--target", "http://api.assay.test", "--connect-to",
                "api.assay.test:80:127.0.0.1:\(server.port)",
            ], directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(server.requests.first?.header("Host") == "api.assay.test")
    }

    @Test func proxyCarriesEveryRequest() throws {
        let proxy = try Self.okServer()
        let directory = try TemporaryDirectory()
        try directory.write(Self.plainSuite, to: "Suites/s.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", "http://origin.assay.test:8080", "--proxy", proxy.baseURL],
            directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        // A proxy is asked for the absolute URL.
        #expect(proxy.requests.first?.target == "http://origin.assay.test:8080/ping")
    }

    @Test func redirectsArePerCase() throws {
        // /hop/1 → /hop/2 → /end
        let server = try LoopbackServer(scripts: [
            [
                .serve { request in
                    switch request.target {
                    case "/hop/1": LoopbackServer.response(status: 302, headers: [("Location", "/hop/2")])
                    case "/hop/2": LoopbackServer.response(status: 302, headers: [("Location", "/end")])
                    default: LoopbackServer.response(body: "{}")
                    }
                }
            ]
        ])
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "name": "r", "cases": [
              { "name": "not followed", "request": { "path": "/hop/1" }, "expect": { "status": 302 } },
              { "name": "followed", "request": { "path": "/hop/1", "redirects": { "follow": true } },
                "expect": { "status": 200 } },
              { "name": "limited", "request": { "path": "/hop/1", "redirects": { "max": 1 } },
                "expect": { "status": 200 } }
            ] }
            """, to: "Suites/r.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        #expect(run.exitCode != 0, "\(run.allOutput)")
        #expect(run.stdout.contains("✓ r / not followed"), "\(run.stdout)")
        #expect(run.stdout.contains("✓ r / followed"), "\(run.stdout)")
        #expect(run.stdout.contains("✗ r / limited") || run.stdout.contains("! r / limited"), "\(run.stdout)")
        #expect(
            run.allOutput.contains("more than 1 redirect (the limit a request's `redirects.max` sets"),
            "\(run.allOutput)")
        // The command line's limit applies where a case names none.
        let limited = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "-L", "--max-redirs", "1", "--filter", "not followed"],
            directory: directory.url)
        #expect(limited.allOutput.contains("more than 1 redirect ("), "\(limited.allOutput)")
    }

    @Test(arguments: [
        (["--resolve", "staging.assay.test:443"], "--resolve expects HOST:PORT:ADDR"),
        (["--resolve", "staging.assay.test:https:127.0.0.1"], "--resolve expects HOST:PORT:ADDR"),
        (["--connect-to", "a.test:80:127.0.0.1"], "--connect-to expects HOST:PORT:CONNECT-HOST:CONNECT-PORT"),
        (["--max-redirs", "-1"], "--max-redirs expects a whole number from 0 to 1000"),
        (["--key", "Suites/s.jsonc"], "--key needs --cert"),
        (["--cert", "missing.pem"], "--cert: no such file missing.pem"),
    ])
    func badRoutingOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write(Self.plainSuite, to: "Suites/s.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", "http://127.0.0.1:1"] + arguments, directory: directory.url)
        #expect(run.exitCode == 2, "\(run.allOutput)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func badRedirectsAreAPositionedSuiteError() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "c", "request": { "path": "/",
                "redirects": { "max": -1 } } } ] }
            """, to: "Suites/bad.jsonc")
        let lint = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(lint.exitCode == 2, "\(lint.allOutput)")
        #expect(lint.allOutput.contains("bad.jsonc:2:"), "\(lint.allOutput)")
        #expect(lint.allOutput.contains("`redirects.max`"), "\(lint.allOutput)")
    }
}
