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

/// Interrupting a run still writes its reports, holding the cases that finished.
@Suite("Interrupted runs, end to end")
struct InterruptTests {
    /// SIGINT during a slow case: the case in flight finishes, later cases are not started, the JSON
    /// and JUnit reports are written and marked interrupted, and the exit code is 130.
    @Test func reportsAreWrittenOnSIGINT() throws {
        let fixture = try EndToEndFixture()
        try fixture.directory.write(
            """
            {
              "name": "slow",
              "defaults": { "headers": { "Authorization": "Bearer ${env:E2E_TOKEN}" } },
              "cases": [
                { "name": "quick", "request": { "path": "/v1/models" }, "expect": { "status": 200 } },
                { "name": "slow", "request": { "path": "/v1/models", "headers": { "X-Debug-Delay-Ms": "1500" } },
                  "expect": { "status": 200 } },
                { "name": "never started", "request": { "path": "/v1/models" }, "expect": { "status": 200 } }
              ]
            }
            """, to: "Slow/slow.jsonc")
        let target = try TargetProcess(arguments: ["--token", EndToEndFixture.token])
        let process = Process()
        process.executableURL = BuiltProducts.executable("assay")
        process.arguments = [
            "run", "Slow", "--target", target.baseURL, "--parallel", "1", "--json", "out/r.json", "--junit",
            "out/j.xml",
        ]
        process.currentDirectoryURL = fixture.directory.url
        process.environment = ProcessInfo.processInfo.environment.merging(["E2E_TOKEN": EndToEndFixture.token]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first case line: the run is under way and its signal handler installed.
        var seen = Data()
        let deadline = Date().addingTimeInterval(20)
        while !String(decoding: seen, as: UTF8.self).contains("slow / quick"), Date() < deadline {
            seen += output.fileHandleForReading.availableData
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let report = try fixture.directory.read("out/r.json")
        #expect(report.contains("\"interrupted\" : true"))
        #expect(report.contains("\"name\" : \"quick\""))
        #expect(!report.contains("never started"))
        #expect(try fixture.directory.read("out/j.xml").contains("<testsuites"))
    }
}
