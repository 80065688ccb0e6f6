import AssayKit
import AssayTestSupport
import Foundation
import Testing

/// `assay run --openapi`: every exchange of a run against a real assay-target, validated against
/// the target's own `/openapi.json` (fetched by URL). A healthy target breaks nothing; each fault
/// that breaks a documented shape gives exactly its violations, on the step that saw it.
@Suite("assay run --openapi, end to end")
struct OpenAPIRunTests {
    private static let token = "sk-openapi-run-\(UUID().uuidString.prefix(8).lowercased())"

    /// A plain success, an error envelope, a Responses object, a chat stream read by the stream
    /// check, a Responses stream read as a plain body, and a route the description does not have.
    private static let suite = """
        {
          "name": "api",
          "defaults": { "headers": { "Authorization": "Bearer ${env:ASSAY_TOKEN}" } },
          "cases": [
            { "name": "models", "request": { "path": "/v1/models" }, "expect": { "status": 200 } },
            { "name": "anonymous", "request": { "path": "/v1/models", "headers": { "Authorization": null } },
              "expect": { "status": 401 } },
            { "name": "responses",
              "request": { "method": "POST", "path": "/v1/responses", "body": { "model": "assay-small", "input": "hi" } },
              "expect": { "status": 200 } },
            { "name": "chat stream",
              "request": { "method": "POST", "path": "/v1/chat/completions",
                "body": { "model": "assay-small", "stream": true, "messages": [{ "role": "user", "content": "hi" }] } },
              "expect": { "status": 200, "stream": { "terminator": "[DONE]" } } },
            { "name": "responses stream",
              "request": { "method": "POST", "path": "/v1/responses",
                "body": { "model": "assay-small", "input": "hi", "stream": true } },
              "expect": { "status": 200 } },
            { "name": "undescribed", "request": { "path": "/v1/nothing" }, "expect": { "status": 404 } }
          ]
        }
        """

    /// The failed (or passing) `openapi` checks of a run, as `case: message` with event numbers left out.
    private static func violations(_ report: URL, passed: Bool = false) throws -> Set<String> {
        let result = try JSONReport.read(Data(contentsOf: report))
        var found: Set<String> = []
        for suite in result.suites {
            for testCase in suite.cases {
                for check in testCase.steps.flatMap(\.checks)
                where check.kind == "openapi" && (passed ? check.passed : check.failed) {
                    let message = check.message.replacingOccurrences(
                        of: #"event [0-9]+ "#, with: "event N ", options: .regularExpression)
                    found.insert("\(testCase.name): \(message)")
                }
            }
        }
        return found
    }

    private static func run(
        fault: String?, mode: String = "strict", extra: [String] = [], keepPassing: Bool = true
    ) throws -> (outcome: CLIOutcome, violations: Set<String>, passing: Set<String>, report: RunResult) {
        // The target answers strictly (anonymous → 401) in either mode of the run.
        let target = try TargetProcess(arguments: ["--token", token] + (fault.map { ["--fault", $0] } ?? []))
        defer { target.stop() }
        let directory = try TemporaryDirectory()
        _ = try directory.write(suite, to: "Suites/api.jsonc")
        let report = directory.url.appendingPathComponent("report.json")
        let outcome = try CLIRun.assay(
            [
                "run", "Suites", "--target", target.baseURL, "--mode", mode, "--openapi",
                target.baseURL + "/openapi.json", "--json", report.path, "--no-color",
            ] + (keepPassing ? ["--keep-passing"] : []) + extra, environment: ["ASSAY_TOKEN": token],
            directory: directory.url)
        return (
            outcome, try violations(report), try violations(report, passed: true),
            try JSONReport.read(Data(contentsOf: report))
        )
    }

    /// A healthy target fits its own description in both modes, and the run passes. The route it
    /// does not describe gets no `openapi` check at all (a passing one would claim a validation
    /// that did not happen); the run counts it instead, in the console and the JSON report.
    @Test(arguments: ["strict", "permissive"])
    func healthyTargetHasNoViolation(mode: String) throws {
        let (outcome, violations, passing, report) = try Self.run(fault: nil, mode: mode)
        #expect(violations.isEmpty, "\(violations)")
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        #expect(!passing.contains { $0.hasPrefix("undescribed:") }, "\(passing)")
        #expect(passing.contains { $0.hasPrefix("chat stream: openapi: POST /v1/chat/completions 200 fits http") })
        #expect(passing.count == 5, "\(passing)")
        let spec = report.openAPISummary?.spec ?? ""
        #expect(spec.hasSuffix("/openapi.json"))
        #expect(report.openAPISummary == OpenAPISummary(spec: spec, validated: 5, unmatched: 1))
        #expect(
            outcome.stdout.contains(
                "openapi: 5 exchange(s) validated against \(spec), 1 matched no operation, 0 outside the validated statuses"
            ), "\(outcome.allOutput)")
    }

    /// Each fault that breaks a documented shape fails exactly these checks, naming the JSON path
    /// (and, in a stream, the event); faults outside the description's reach give none.
    @Test(arguments: [
        (
            "envelope-missing-param",
            ["anonymous: openapi GET /v1/models 401: $.error.param: required member is missing"]
        ),
        (
            "no-trace-on-401",
            [
                "anonymous: openapi GET /v1/models 401: header X-Trace-Id: required response header `X-Trace-Id` is missing",
                "anonymous: openapi GET /v1/models 401: header X-Request-Id: required response header `X-Request-Id` is missing",
            ]
        ),
        (
            "responses-missing-member",
            [
                "responses: openapi POST /v1/responses 200: $.tools: required member is missing",
                "responses stream: openapi POST /v1/responses 200: event N $.data.response.tools: required member is missing",
            ]
        ),
        (
            "sse-wrong-content-type",
            [
                "chat stream: openapi POST /v1/chat/completions 200: header Content-Type: content type `text/plain; charset=utf-8` is not declared (declared: application/json, text/event-stream)",
                "responses stream: openapi POST /v1/responses 200: header Content-Type: content type `text/plain; charset=utf-8` is not declared (declared: application/json, text/event-stream)",
            ]
        ),
        ("no-heartbeat", []),
    ])
    func faultGivesExactlyItsViolations(fault: String, expected: [String]) throws {
        let (outcome, violations, _, _) = try Self.run(fault: fault)
        #expect(violations == Set(expected), "\(fault): \(violations.sorted())")
        if !expected.isEmpty { #expect(outcome.exitCode == 1) }
    }

    /// `openapi` in the config is read relative to the config's folder; a suite or a case that opts
    /// out is not validated, so a fault it would show passes there.
    @Test func configKeyAndOptOut() throws {
        let target = try TargetProcess(arguments: ["--token", Self.token, "--fault", "envelope-missing-param"])
        defer { target.stop() }
        let directory = try TemporaryDirectory()
        let client = try #require(CurlClient())
        let description = try #require(client.perform(HTTPRequest(url: target.baseURL + "/openapi.json")).response)
        _ = try directory.write(String(decoding: description.body, as: UTF8.self), to: "specs/target.json")
        _ = try directory.write(#"{ "openapi": "../specs/target.json" }"#, to: "config/assay.jsonc")
        let anonymous = #"{ "path": "/v1/models" }"#
        _ = try directory.write(
            """
            { "name": "kept", "cases": [
              { "name": "validated", "request": \(anonymous), "expect": { "status": 401 } },
              { "name": "case opted out", "openapi": false, "request": \(anonymous), "expect": { "status": 401 } }
            ] }
            """, to: "Suites/kept.jsonc")
        _ = try directory.write(
            """
            { "name": "out", "openapi": false, "cases": [
              { "name": "suite opted out", "request": \(anonymous), "expect": { "status": 401 } }
            ] }
            """, to: "Suites/out.jsonc")
        let report = directory.url.appendingPathComponent("report.json")
        let outcome = try CLIRun.assay(
            [
                "run", "Suites", "--config", "config/assay.jsonc", "--target", target.baseURL, "--json", report.path,
                "--no-color",
            ], directory: directory.url)
        #expect(outcome.exitCode == 1, "\(outcome.allOutput)")
        #expect(
            try Self.violations(report) == [
                "validated: openapi GET /v1/models 401: $.error.param: required member is missing"
            ])
        let result = try JSONReport.read(Data(contentsOf: report))
        let verdicts = Dictionary(
            uniqueKeysWithValues: result.suites.flatMap(\.cases).map { ($0.name, $0.verdict) })
        #expect(verdicts == ["validated": .failed, "case opted out": .passed, "suite opted out": .passed])
    }

    /// A description that cannot be read stops the run before anything is sent, with exit 2 and
    /// the place of the problem: in the description, or at the config's `openapi` for a missing file.
    @Test func badDescriptionStopsTheRun() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(
            #"{ "name": "s", "cases": [ { "name": "c", "request": { "path": "/" } } ] }"#, to: "Suites/s.jsonc")
        _ = try directory.write("openapi: 3.1.0\npaths:\n  /a: {get: [\n", to: "bad.yaml")
        let bad = try CLIRun.assay(
            ["run", "Suites", "--target", "http://127.0.0.1:9", "--openapi", "bad.yaml"], directory: directory.url)
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("bad.yaml:3:13"), "\(bad.allOutput)")

        _ = try directory.write("{\n  \"openapi\": { \"spec\": \"missing.yaml\" }\n}\n", to: "assay.jsonc")
        let missing = try CLIRun.assay(["run", "Suites", "--target", "http://127.0.0.1:9"], directory: directory.url)
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("cannot read OpenAPI document missing.yaml"), "\(missing.allOutput)")
        #expect(missing.stderr.contains("assay.jsonc:2:24"), "\(missing.allOutput)")

        _ = try directory.write(#"{ "openapi": { "spec": "bad.yaml", "validate": "most" } }"#, to: "assay.jsonc")
        let scope = try CLIRun.assay(["run", "Suites", "--target", "http://127.0.0.1:9"], directory: directory.url)
        #expect(scope.exitCode == 2)
        #expect(scope.stderr.contains("validate"), "\(scope.allOutput)")
    }

    /// The description the pack ships is the pinned fixture, byte for byte (its SHA-256 is checked by
    /// A step that fails only its `openapi` check keeps every check described, as any failing step
    /// does, though a run without `--keep-passing` leaves passing checks without a message.
    @Test func stepFailingOnlyItsSchemaKeepsItsChecksDescribed() throws {
        let (_, violations, _, report) = try Self.run(fault: "envelope-missing-param", keepPassing: false)
        #expect(violations == ["anonymous: openapi GET /v1/models 401: $.error.param: required member is missing"])
        let anonymous = report.suites.flatMap(\.cases).first { $0.name == "anonymous" }
        let status = anonymous?.steps.flatMap(\.checks).first { $0.kind == "status" }
        #expect(status?.passed == true)
        #expect(status?.message == "status 401", "\(String(describing: status))")
    }

    /// `lint` refuses the config's description as `run` does: a missing file at the config's
    /// `openapi` key, a broken one at its own line and column; a good one lints clean.
    @Test func lintRefusesWhatRunRefuses() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(
            #"{ "name": "s", "cases": [ { "name": "c", "request": { "path": "/" } } ] }"#, to: "Suites/s.jsonc")
        _ = try directory.write("openapi: 3.1.0\npaths:\n  /a: {get: [\n", to: "bad.yaml")
        _ = try directory.write("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n", to: "good.yaml")

        _ = try directory.write("{\n  \"openapi\": { \"spec\": \"missing.yaml\" }\n}\n", to: "assay.jsonc")
        let missing = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("cannot read OpenAPI document missing.yaml"), "\(missing.allOutput)")
        #expect(missing.stderr.contains("assay.jsonc:2:24"), "\(missing.allOutput)")

        _ = try directory.write(#"{ "openapi": "bad.yaml" }"#, to: "assay.jsonc")
        let bad = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("bad.yaml:3:13"), "\(bad.allOutput)")

        _ = try directory.write(
            #"{ "openapi": { "spec": "good.yaml", "allowNull": ["/nothing"] } }"#, to: "assay.jsonc")
        let allowNull = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(allowNull.exitCode == 2)
        #expect(allowNull.stderr.contains("`allowNull` entry \"/nothing\" names no schema"), "\(allowNull.allOutput)")

        _ = try directory.write(#"{ "openapi": "good.yaml" }"#, to: "assay.jsonc")
        let good = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(good.exitCode == 0, "\(good.allOutput)")
    }

    /// A suite scaffolded from the target's own description, with the config `scaffold --config`
    /// writes, checks every response's schema: the healthy target breaks none, and a fault that
    /// drops a documented member of the error envelope fails the cases that get one.
    @Test func scaffoldedSuiteChecksSchemas() throws {
        func openAPIFailures(fault: String?) throws -> (outcome: CLIOutcome, failures: Set<String>) {
            let target = try TargetProcess(arguments: ["--token", Self.token] + (fault.map { ["--fault", $0] } ?? []))
            defer { target.stop() }
            let directory = try TemporaryDirectory()
            let suite = directory.url.appendingPathComponent("Suites/target.jsonc").path
            try FileManager.default.createDirectory(
                at: directory.url.appendingPathComponent("Suites"), withIntermediateDirectories: true)
            let config = directory.url.appendingPathComponent("assay.jsonc").path
            let url = target.baseURL + "/openapi.json"
            let scaffold = try CLIRun.assay(["openapi", "scaffold", url, "--out", suite, "--config", config])
            #expect(scaffold.exitCode == 0, "\(scaffold.allOutput)")
            #expect(try String(contentsOfFile: config, encoding: .utf8).contains("\"openapi\": \"\(url)\""))
            let report = directory.url.appendingPathComponent("report.json")
            let outcome = try CLIRun.assay(
                ["run", "Suites", "--target", target.baseURL, "--json", report.path, "--no-color"],
                environment: ["ASSAY_TOKEN": Self.token], directory: directory.url)
            return (outcome, try Self.violations(report))
        }
        let healthy = try openAPIFailures(fault: nil)
        #expect(healthy.failures.isEmpty, "\(healthy.failures.sorted())")
        let broken = try openAPIFailures(fault: "envelope-missing-param")
        #expect(broken.outcome.exitCode == 1, "\(broken.outcome.allOutput)")
        // Every error envelope the scaffolded cases get (401s, and the 4xx/5xx of example requests) loses `param`.
        #expect(broken.failures.allSatisfy { $0.hasSuffix(": $.error.param: required member is missing") })
        #expect(
            broken.failures.contains(
                "getV1Models without credentials: openapi GET /v1/models 401: $.error.param: required member is missing"
            ),
            "\(broken.failures.sorted())")
        #expect(broken.failures.filter { $0.contains(" without credentials: ") }.count >= 10)
    }

    /// `scripts/fetch-openapi-fixtures.sh --verify`), and the shipped config names it.
    @Test func shippedDescriptionIsThePinnedOne() throws {
        let shipped = try Data(
            contentsOf: PackRun.root.appendingPathComponent("Suites/openai-compat/openai-openapi-2.3.0.yaml"))
        let pinned = try Data(
            contentsOf: PackRun.root.appendingPathComponent("Tests/Fixtures/openapi/openai-2.3.0-f85dbe2.yaml"))
        #expect(shipped == pinned)
        let config = try ConfigFile.load(path: PackRun.root.appendingPathComponent("assay.jsonc").path)
        #expect(config.openAPI?.source.hasSuffix("/Suites/openai-compat/openai-openapi-2.3.0.yaml") == true)
        #expect(config.openAPI?.scope == .success)
    }
}
