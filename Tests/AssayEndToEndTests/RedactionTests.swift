import AssayTestSupport
import Foundation
import Testing

/// A secret token given to a run appears in no byte of anything the run writes.
@Suite("Secrets never leak, end to end")
struct RedactionTests {
    /// With verbose output, failures, reports and a recorded golden, the token is nowhere, not even in URLs and bodies.
    @Test func tokenAppearsNowhere() throws {
        let fixture = try EndToEndFixture()
        // A case that puts the token in the URL and in a body, and fails, so every output path carries it.
        try fixture.directory.write(
            """
            {
              "name": "leaky",
              "variables": { "token": "${env:E2E_TOKEN}" },
              "defaults": { "headers": { "Authorization": "Bearer ${token}", "X-Api-Key": "${token}" } },
              "cases": [
                { "name": "token in url", "request": { "path": "/v1/nowhere", "query": { "key": "${token}" } },
                  "expect": { "status": 200 } },
                { "name": "token in body", "request": { "method": "POST", "path": "/v1/models", "body": { "t": "${token}" } },
                  "expect": { "status": 201 } },
                { "name": "recorded", "request": { "path": "/v1/models/assay-small", "query": { "k": "${token}" } },
                  "expect": { "golden": "recorded/model.json" } }
              ]
            }
            """, to: "Leaky/leaky.jsonc")
        let target = try TargetProcess(arguments: ["--mode", "strict", "--token", EndToEndFixture.token])
        let outcome = try fixture.assay([
            "run", "Leaky", "--target", target.baseURL, "-vv", "--junit", "out/junit.xml", "--json", "out/report.json",
            "--record", "missing",
        ])
        #expect(outcome.exitCode == 1, "\(outcome.allOutput)")
        let token = EndToEndFixture.token
        #expect(!outcome.allOutput.contains(token))
        #expect(outcome.allOutput.contains("***"))
        for file in ["out/junit.xml", "out/report.json", "Goldens/recorded/model.json"] {
            let text = try fixture.directory.read(file)
            #expect(!text.contains(token), "\(file) leaks the token")
            #expect(!text.isEmpty)
        }
        #expect(try fixture.directory.read("out/report.json").contains("\"verdict\" : \"failed\""))
    }

    /// On CI, recording refuses to run unless --record was given; with it, recording writes the golden.
    @Test func recordingOnCIIsExplicit() throws {
        let fixture = try EndToEndFixture()
        try FileManager.default.removeItem(atPath: fixture.path + "/Goldens/models.json")
        let target = try TargetProcess(arguments: ["--mode", "strict", "--token", EndToEndFixture.token])
        let missing = try fixture.assay(["run", "--target", target.baseURL], environment: ["CI": "true"])
        #expect(missing.exitCode == 1)
        #expect(missing.stdout.contains("does not exist"))
        let recorded = try fixture.assay(
            ["run", "--target", target.baseURL, "--record", "missing"], environment: ["CI": "true"])
        #expect(recorded.exitCode == 0, "\(recorded.allOutput)")
        #expect(FileManager.default.fileExists(atPath: fixture.path + "/Goldens/models.json"))
    }
}
