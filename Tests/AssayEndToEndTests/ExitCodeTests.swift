import AssayTestSupport
import Foundation
import Testing

/// Every exit code, each reached by running the real CLI against a real assay-target.
@Suite("Exit codes, end to end")
struct ExitCodeTests {
    /// A healthy strict target passes the suite: exit 0 and the exact summary line.
    @Test func passingRunExitsZero() throws {
        let fixture = try EndToEndFixture()
        let target = try TargetProcess(arguments: ["--mode", "strict", "--token", EndToEndFixture.token])
        let outcome = try fixture.assay(["run", "Suites", "--target", target.baseURL])
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        #expect(outcome.stdout.split(separator: "\n").last == "2 passed, 0 failed, 0 skipped")
    }

    /// The same permissive expectations pass against a permissive target.
    @Test func permissiveModePasses() throws {
        let fixture = try EndToEndFixture()
        let target = try TargetProcess(arguments: ["--mode", "permissive", "--token", EndToEndFixture.token])
        let outcome = try fixture.assay(["run", "--target", target.baseURL, "--mode", "permissive"])
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
    }

    /// A strict run against a target that serves anonymous requests fails the auth case: exit 1, with the difference spelled out.
    @Test func contractFailureExitsOne() throws {
        let fixture = try EndToEndFixture()
        let target = try TargetProcess(arguments: ["--mode", "permissive", "--token", EndToEndFixture.token])
        let outcome = try fixture.assay(["run", "--target", target.baseURL, "--mode", "strict"])
        #expect(outcome.exitCode == 1)
        #expect(outcome.stdout.contains("status: expected 401, got 200 OK"))
        #expect(outcome.stdout.contains("reproduce: curl"))
        #expect(outcome.stdout.split(separator: "\n").last == "1 passed, 1 failed, 0 skipped")
    }

    /// A broken suite is reported with file:line:column and a suggestion, nothing is sent: exit 2.
    @Test func suiteErrorExitsTwo() throws {
        let fixture = try EndToEndFixture()
        try fixture.directory.write(
            #"{"cases": [{"name": "x", "request": {"path": "/", "hedaers": {}}}]}"#, to: "Broken/b.jsonc")
        let outcome = try fixture.assay(["run", "Broken", "--target", "http://127.0.0.1:1"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("Broken/b.jsonc:1:51"))
        #expect(outcome.stderr.contains("did you mean `headers`?"))
    }

    /// Suites beyond the in-memory budget are streamed, yet a broken matcher in the second file still
    /// fails the run before its first request: exit 2, the location, and nothing on the wire.
    @Test func brokenSecondFileOfAStreamedRunSendsNothing() throws {
        let fixture = try EndToEndFixture()
        let cases = (0..<2_100).map { #"{"name": "c\#($0)", "request": {"path": "/"}}"# }
        try fixture.directory.write(
            #"{"name": "big", "cases": [\#(cases.joined(separator: ",\n"))]}"#, to: "Many/a-big.jsonc")
        try fixture.directory.write(
            """
            {"name": "broken", "cases": [
              {"name": "bad", "request": {"path": "/"}, "expect": {"headers": {"X-Id": "{{hexx:32}}"}}}
            ]}
            """, to: "Many/b-broken.jsonc")
        let server = try LoopbackServer(script: [.serve { _ in LoopbackServer.response(body: "{}") }])
        let outcome = try fixture.assay(["run", "Many", "--target", server.baseURL, "--parallel", "4"])
        #expect(outcome.exitCode == 2, "\(outcome.allOutput)")
        #expect(outcome.stderr.contains("Many/b-broken.jsonc:2:"))
        #expect(outcome.stderr.contains("unknown matcher"))
        #expect(server.requests.isEmpty)
        let list = try fixture.assay(["list", "Many"])
        #expect(list.exitCode == 0 && list.stdout.hasSuffix("2101 case(s); tags: \n"), "\(list.allOutput)")
    }

    /// A usage mistake exits 2 and points at --help.
    @Test func usageErrorExitsTwo() throws {
        let fixture = try EndToEndFixture()
        let outcome = try fixture.assay(["run", "--target", "http://127.0.0.1:1", "--paralel", "2"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("did you mean --parallel?"))
        let noTarget = try fixture.assay(["run"])
        #expect(noTarget.exitCode == 2)
        #expect(noTarget.stderr.contains("no target"))
        // A blank score label (spaces, a tab, a no-break space) is refused; a padded one is kept.
        for blank in ["", " \t", "\u{00A0}"] {
            let label = try fixture.assay(["run", "--target", "http://127.0.0.1:1", "--score-label", blank])
            #expect(
                label.exitCode == 2 && label.stderr.contains("--score-label must not be empty"), "\(label.allOutput)")
        }
        let padded = try fixture.assay(["run", "--target", "http://127.0.0.1:1", "--score-label", " API "])
        // A padded label is accepted (the run goes on to exit 3); a plain suite prints no score to show it.
        #expect(padded.exitCode == 3 && !padded.stderr.contains("--score-label"), "\(padded.allOutput)")
    }

    /// Nobody listening on the port: the cases could not be executed, exit 3, with libcurl's own message.
    @Test func unreachableTargetExitsThree() throws {
        let fixture = try EndToEndFixture()
        let port = try LoopbackServer.unusedPort()
        let outcome = try fixture.assay(["run", "--target", "http://127.0.0.1:\(port)"])
        #expect(outcome.exitCode == 3, "\(outcome.allOutput)")
        #expect(outcome.stdout.contains("connectionRefused"))
        #expect(outcome.stdout.contains("2 case(s) could not be executed"))
    }

    /// `list`, `lint` and `version` need no network and exit 0 on a good suite.
    @Test func offlineCommands() throws {
        let fixture = try EndToEndFixture()
        let list = try fixture.assay(["list"])
        #expect(list.exitCode == 0)
        #expect(list.stdout.contains("missing token"))
        let lint = try fixture.assay(["lint"])
        #expect(lint.exitCode == 0, "\(lint.allOutput)")
        try fixture.directory.write(
            #"{"cases": [{"name": "x", "request": {"path": "/"}, "expect": {"golden": "../outside.json"}}]}"#,
            to: "Escape/e.jsonc")
        let escape = try fixture.assay(["lint", "Escape"])
        #expect(escape.exitCode == 2)
        #expect(escape.stderr.contains("Escape/e.jsonc:1:"))
        let version = try fixture.assay(["version"])
        #expect(version.exitCode == 0 && version.stdout.hasPrefix("assay "))
    }
}

/// Selections and overrides that users get wrong, end to end.
@Suite("Selections, end to end")
struct SelectionTests {
    /// A selection that matches no case is a usage error, not a silent pass.
    @Test func emptySelectionExitsTwo() throws {
        let fixture = try EndToEndFixture()
        let outcome = try fixture.assay(["run", "--target", "http://127.0.0.1:1", "--tag", "no-such-tag"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("no case matches the selection"))
    }

    /// A `--secret` on the command line replaces a config variable before its `${env:…}` is read.
    @Test func commandLineOverridesConfigBeforeEnvironment() throws {
        let fixture = try EndToEndFixture()
        try fixture.directory.write(#"{"variables": {"token": "${env:NOT_SET_ANYWHERE_42}"}}"#, to: "assay.jsonc")
        let target = try TargetProcess(arguments: ["--mode", "strict", "--token", EndToEndFixture.token])
        let outcome = try fixture.assay([
            "run", "--target", target.baseURL, "--secret", "token=\(EndToEndFixture.token)",
        ])
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        #expect(!outcome.allOutput.contains(EndToEndFixture.token))
    }
}
