import AssayTestSupport
import Foundation
import Testing

/// `assay run -L` against two loopback servers on different ports: the second origin gets none of
/// the suite's credentials, and the hop is in the console and in `report.json`.
@Suite("Redirect hygiene, end to end")
struct RedirectHygieneTests {
    @Test func credentialsStayWithTheirOrigin() throws {
        let landing = try LoopbackServer(scripts: [
            [.serve { _ in LoopbackServer.response(body: "{\"ok\":true}") }]
        ])
        let origin = try LoopbackServer(scripts: [
            [
                .serve { _ in
                    LoopbackServer.response(status: 302, headers: [("Location", landing.baseURL + "/landed")])
                }
            ]
        ])
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "name": "redirects", "cases": [
              { "name": "moved", "request": { "path": "/start",
                  "headers": { "X-Api-Key": "${env:RKEY}", "X-Tenant-Token": "${env:RKEY}", "Accept": "application/json" } },
                "expect": { "status": 201 } } ] }
            """, to: "Suites/redirects.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", origin.baseURL, "-L", "-v", "--json", "out/report.json"],
            environment: ["RKEY": "redirect-secret-key"], directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        let landed = try #require(landing.requests.first)
        #expect(landed.header("X-Api-Key") == nil)
        #expect(landed.header("X-Tenant-Token") == nil)
        #expect(landed.header("Accept") == "application/json")
        #expect(origin.requests.first?.header("X-Tenant-Token") == "redirect-secret-key")
        #expect(
            run.stdout.contains(
                "< 302 → \(landing.baseURL)/landed (another origin: not sent there: X-Api-Key, X-Tenant-Token)"))
        let report = try directory.read("out/report.json")
        #expect(report.contains("\"droppedHeaders\""))
        #expect(!run.allOutput.contains("redirect-secret-key") && !report.contains("redirect-secret-key"))
    }
}
