import AssayTestSupport
import Foundation
import Testing

/// The cookie jar of a run: per case across steps and redirect hops, suite-wide across cases in
/// file order, and expectations on cookie attributes, against a loopback server that logs in.
@Suite("Cookie jar, end to end")
struct CookieJarRunTests {
    /// `/login` sets `sid` (and redirects to `/home` with `?next`); `/home` and `/me` answer 200
    /// only to a request carrying that cookie, 401 otherwise.
    static func loginServer() throws -> LoopbackServer {
        try LoopbackServer(scripts: [
            [
                .serve { request in
                    let cookie = request.header("Cookie") ?? ""
                    if request.target.hasPrefix("/login") {
                        let redirect = request.target.contains("next")
                        return LoopbackServer.response(
                            status: redirect ? 302 : 200, reason: redirect ? "Found" : "OK",
                            headers: [
                                ("Set-Cookie", "sid=s3cr3t-session; Path=/; HttpOnly; SameSite=Lax; Max-Age=300")
                            ] + (redirect ? [("Location", "/home")] : []), body: "{}")
                    }
                    return cookie.contains("sid=s3cr3t-session")
                        ? LoopbackServer.response(body: #"{"user":"ada"}"#)
                        : LoopbackServer.response(status: 401, reason: "Unauthorized", body: #"{"error":"login"}"#)
                }
            ]
        ])
    }

    static let loginThenMe = """
        "steps": [
          { "name": "login", "request": { "method": "POST", "path": "/login" },
            "expect": { "status": 200, "asserts": [
              { "cookie": "sid[HttpOnly]", "==": true }, { "cookie": "sid[SameSite]", "==": "Lax" },
              { "cookie": "sid[Max-Age]", "<=": 300 }, { "cookie": "sid[Secure]", "==": false } ] } },
          { "name": "me", "request": { "path": "/me" }, "expect": { "status": 200, "body": { "user": "ada" } } } ]
        """

    @Test func cookiesFromOneStepAreSentOnTheNext() throws {
        let server = try Self.loginServer()
        let directory = try TemporaryDirectory()
        try directory.write(#"{ "cases": [ { "name": "session", \#(Self.loginThenMe) } ] }"#, to: "Suites/c.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(server.requests.last?.header("Cookie") == "sid=s3cr3t-session")
    }

    /// The same suite with the jar off fails: the jar is what carried the session.
    @Test func withTheJarOffTheSecondStepHasNoSession() throws {
        let server = try Self.loginServer()
        let directory = try TemporaryDirectory()
        try directory.write(
            #"{ "cookieJar": "off", "cases": [ { "name": "session", \#(Self.loginThenMe) } ] }"#, to: "Suites/c.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(run.allOutput.contains("expected 200, got 401"), "\(run.allOutput)")
        #expect(!run.allOutput.contains("s3cr3t-session"), "a cookie value leaked: \(run.allOutput)")
    }

    /// A cookie set by a redirect is sent to the hop it redirects to.
    @Test func redirectHopsShareTheJar() throws {
        let server = try Self.loginServer()
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "login", "request": { "path": "/login?next=home", "redirects": { "follow": true } },
                "expect": { "status": 200, "body": { "user": "ada" } } } ] }
            """, to: "Suites/c.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(server.requests.map(\.target) == ["/login?next=home", "/home"])
    }

    /// A one-step case that follows redirects because the command line says so (`--location`)
    /// still has a jar for its hops.
    @Test func redirectHopsShareTheJarUnderLocation() throws {
        let server = try Self.loginServer()
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "login", "request": { "path": "/login?next=home" },
                "expect": { "status": 200, "body": { "user": "ada" } } } ] }
            """, to: "Suites/c.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--location"], directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(server.requests.map(\.target) == ["/login?next=home", "/home"])
    }

    /// A one-step case sent again (`retry`) sends back what its first attempt was given.
    @Test func aRetriedStepSendsBackTheCookiesOfTheAttemptBefore() throws {
        let server = try Self.loginServer()
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "login", "retry": { "count": 1, "interval": "5ms" },
                "request": { "method": "POST", "path": "/login" }, "expect": { "status": 201 } } ] }
            """, to: "Suites/c.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(server.requests.map { $0.header("Cookie") } == [nil, "sid=s3cr3t-session"])
    }

    /// Cases do not share cookies unless the suite says so; with `cookieJar: "suite"` they do, in file order.
    @Test(arguments: [("case", Int32(1)), ("suite", Int32(0))])
    func aSuiteWideJarCarriesCookiesAcrossCases(scope: String, exitCode: Int32) throws {
        let server = try Self.loginServer()
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cookieJar": "\(scope)", "cases": [
                { "name": "1 login", "request": { "method": "POST", "path": "/login" } },
                { "name": "2 me", "request": { "path": "/me" }, "expect": { "status": 200 } },
                { "name": "3 me again", "request": { "path": "/me" }, "expect": { "status": 200 } } ] }
            """, to: "Suites/c.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "-j", "4"], directory: directory.url)
        #expect(run.exitCode == exitCode, "\(run.allOutput)")
    }

    /// An attribute expectation fails when the attribute is not what the suite says.
    @Test func aWrongAttributeExpectationFails() throws {
        let server = try Self.loginServer()
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "login", "request": { "method": "POST", "path": "/login" },
                "expect": { "asserts": [ { "cookie": "sid[Secure]", "==": true } ] } } ] }
            """, to: "Suites/c.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(run.allOutput.contains("cookie sid[Secure]: expected == true, found false"), "\(run.allOutput)")
    }

    @Test(arguments: [
        (#""cookieJar": "global", "cases": [{"name": "c", "request": {"path": "/"}}]"#, "cookieJar"),
        (
            #""cases": [{"name": "c", "request": {"path": "/"}, "expect": {"asserts": [{"cookie": "sid[HttpOnyl]", "==": true}]}}]"#,
            "did you mean \"sid[HttpOnly]\"?"
        ),
    ])
    func badCookieInputIsAPositionedSuiteError(body: String, message: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write("{\n\(body) }", to: "Suites/bad.jsonc")
        let lint = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(lint.exitCode == 2, "\(lint.allOutput)")
        #expect(lint.allOutput.contains("bad.jsonc:2:"), "\(lint.allOutput)")
        #expect(lint.allOutput.contains(message), "\(lint.allOutput)")
    }
}
