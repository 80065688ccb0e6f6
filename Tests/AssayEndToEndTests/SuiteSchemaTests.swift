import AssayTestSupport
import Foundation
import Testing

/// The JSON Schema shipped for editors accepts every shipped suite and rejects a typo, so it stays
/// true to what the loader accepts. Validated with Python's jsonschema (`.ci/run` installs it).
@Suite("Suite JSON Schema")
struct SuiteSchemaTests {
    static let root = PackRun.root

    func validate(_ files: [String]) throws -> CLIOutcome {
        try CLIRun.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", Self.root.appendingPathComponent("scripts/validate-suite-schema.py").path,
                Self.root.appendingPathComponent("docs/suite.schema.json").path,
            ] + files)
    }

    /// Every suite of the pack validates.
    @Test func shippedSuitesValidate() throws {
        let folder = Self.root.appendingPathComponent("Suites/openai-compat")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonc") }
            .map { folder.appendingPathComponent($0).path }
        #expect(files.count >= 12)
        let outcome = try validate(files)
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
    }

    /// The httpbin smoke suite (retry, cookie attributes, form, multipart) validates.
    @Test func smokeSuiteValidates() throws {
        let outcome = try validate([Self.root.appendingPathComponent("Tests/Fixtures/smoke/httpbin.jsonc").path])
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
    }

    /// A misspelt key fails the schema, as it fails the loader.
    @Test func typoIsRejected() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(
            #"{"cases": [{"name": "x", "request": {"path": "/", "hedaers": {}}}]}"#, to: "t.jsonc")
        let outcome = try validate([file])
        #expect(outcome.exitCode == 1, "\(outcome.allOutput)")
        #expect(outcome.stdout.contains("hedaers"))
    }
}
