import AssayTestSupport
import Foundation
import Testing

/// The pinned public specs, from this test file's place in the repository.
private func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/openapi/\(name)").path
}

private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("assay-openapi-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("assay openapi, end to end")
struct OpenAPICommandTests {
    /// `diff` exits 1 on the real 1.3.0 → 2.0.0 breaking changes, 0 for a document against itself,
    /// 0 under `--fail-on none`, and 2 on a missing file; it writes the JSON and Markdown reports.
    @Test func diffExitCodesAndReports() throws {
        let directory = try temporaryDirectory()
        let old = fixture("openai-1.3.0.yaml")
        let new = fixture("openai-2.0.0.yaml")
        let json = directory.appendingPathComponent("diff.json").path
        let markdown = directory.appendingPathComponent("diff.md").path
        let breaking = try CLIRun.assay(["openapi", "diff", old, new, "--json", json, "--markdown", markdown])
        #expect(breaking.exitCode == 1, "\(breaking.allOutput)")
        #expect(breaking.stdout.contains("BREAKING [method-removed]") == false)
        #expect(breaking.stdout.contains("BREAKING [path-removed] /answers: path `/answers` was removed"))
        #expect(breaking.stdout.hasSuffix("7 breaking change(s), 0 non-breaking\n"))
        #expect(try String(contentsOfFile: markdown, encoding: .utf8).hasPrefix("## OpenAPI diff"))
        #expect(try String(contentsOfFile: json, encoding: .utf8).contains("\"kind\": \"required-property-added\""))

        let same = try CLIRun.assay(["openapi", "diff", new, new])
        #expect(same.exitCode == 0, "\(same.allOutput)")
        let reportOnly = try CLIRun.assay(["openapi", "diff", old, new, "--fail-on", "none"])
        #expect(reportOnly.exitCode == 0)
        let annotated = try CLIRun.assay(["openapi", "diff", old, new], environment: ["GITHUB_ACTIONS": "true"])
        #expect(annotated.stdout.contains("::error file=\(new),line=12,col=3,title=openapi path-removed"))

        let missing = try CLIRun.assay(["openapi", "diff", old, directory.appendingPathComponent("nope.yaml").path])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("cannot read OpenAPI document"))
        let badPolicy = try CLIRun.assay(["openapi", "diff", old, new, "--fail-on", "everything"])
        #expect(badPolicy.exitCode == 2)
    }

    /// A YAML syntax error in a spec is reported at its line and column with exit 2.
    @Test func badYAMLExitsTwo() throws {
        let directory = try temporaryDirectory()
        let spec = directory.appendingPathComponent("bad.yaml")
        try Data("openapi: 3.1.0\npaths:\n  /a: {get: [\n".utf8).write(to: spec)
        let outcome = try CLIRun.assay(["openapi", "check", spec.path])
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.contains("bad.yaml:3:13"), "\(outcome.stderr)")
    }

    /// `check` exits 1 and names each failing rule on a real spec, and 0 once those rules are skipped.
    @Test func checkExitCodes() throws {
        let spec = fixture("openai-2.0.0.yaml")
        let failing = try CLIRun.assay(["openapi", "check", spec])
        #expect(failing.exitCode == 1)
        #expect(failing.stdout.contains("FAIL service-version"))
        #expect(failing.stdout.contains("ok   servers"))
        let passing = try CLIRun.assay([
            "openapi", "check", spec, "--skip", "service-version", "--skip", "trace-header", "--skip",
            "idempotency-header", "--skip", "error-responses",
        ])
        #expect(passing.exitCode == 0, "\(passing.allOutput)")
        let unknown = try CLIRun.assay(["openapi", "check", spec, "--rule", "server"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("did you mean `servers`?"))
    }

    /// A suite scaffolded from a real spec lints clean.
    @Test func scaffoldLintsClean() throws {
        let directory = try temporaryDirectory()
        let suite = directory.appendingPathComponent("Suites/twilio.jsonc").path
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("Suites"), withIntermediateDirectories: true)
        let scaffold = try CLIRun.assay(["openapi", "scaffold", fixture("twilio-api-v2010-2.6.7.yaml"), "--out", suite])
        #expect(scaffold.exitCode == 0, "\(scaffold.allOutput)")
        let lint = try CLIRun.assay(["lint", "Suites"], directory: directory)
        #expect(lint.exitCode == 0, "\(lint.allOutput)")
        #expect(lint.stdout.contains("1 suite(s), 394 case(s): no problems"))
    }

    /// `check` and `diff` also read a description from an http URL: the reference target's own
    /// document passes `check` and diffs clean against itself; a URL that answers 404 exits 2.
    @Test func readsFromURL() throws {
        let target = try TargetProcess(arguments: [])
        let url = target.baseURL + "/openapi.json"
        let check = try CLIRun.assay(["openapi", "check", url])
        #expect(check.exitCode == 0, "\(check.allOutput)")
        #expect(check.stdout.contains("7 rule(s), 0 problem(s) in \(url)"))
        let diff = try CLIRun.assay(["openapi", "diff", url, url])
        #expect(diff.exitCode == 0, "\(diff.allOutput)")
        let missing = try CLIRun.assay(["openapi", "check", target.baseURL + "/nope.json"])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("cannot fetch \(target.baseURL)/nope.json: the server answered 404"))
    }

    /// A description fetched by URL has its `$ref`s to other documents fetched too, relative to its
    /// URL; one naming another origin is refused, not fetched.
    @Test func fetchedDescriptionFollowsReferences() throws {
        let otherOrigin = "http://127.0.0.1:\(try LoopbackServer.unusedPort())/pet.yaml"
        let root = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /pets:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: 'schemas/pet.yaml#/Pet'}
              /far:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '\(otherOrigin)#/Pet'}
            """
        let pet = "Pet: {type: object, required: [name], properties: {name: {type: string}}}\n"
        let handler: @Sendable (LoopbackServer.RecordedRequest) -> Data? = { request in
            switch request.target {
            case "/api/openapi.yaml": LoopbackServer.response(body: root)
            case "/api/schemas/pet.yaml": LoopbackServer.response(body: pet)
            default: LoopbackServer.response(status: 404, reason: "Not Found")
            }
        }
        let server = try LoopbackServer(scripts: Array(repeating: [.serve(handler)], count: 8))
        defer { server.stop() }
        let check = try CLIRun.assay([
            "openapi", "check", server.baseURL + "/api/openapi.yaml", "--rule", "refs-resolve",
        ])
        #expect(check.exitCode == 1, "\(check.allOutput)")
        #expect(check.stdout.contains("only documents from \(server.baseURL) are fetched"), "\(check.stdout)")
        #expect(!check.stdout.contains("schemas/pet.yaml"), "\(check.stdout)")
        #expect(server.requests.map(\.target).sorted() == ["/api/openapi.yaml", "/api/schemas/pet.yaml"])
    }
}
