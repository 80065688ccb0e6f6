import AssayTestSupport
import Foundation

/// A small suite and its goldens in a temporary folder, run by the real `assay` binary
/// against a real `assay-target`.
struct EndToEndFixture {
    static let token = "sk-e2e-\(UUID().uuidString.prefix(12).lowercased())"

    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        try directory.write(Self.suite, to: "Suites/e2e.jsonc")
        try directory.write(Self.modelsGolden, to: "Goldens/models.json")
    }

    var path: String { directory.url.path }

    /// Runs `assay` in the fixture folder with the secret token in the environment.
    func assay(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIOutcome {
        try CLIRun.assay(
            arguments, environment: ["E2E_TOKEN": Self.token].merging(environment) { $1 }, directory: directory.url)
    }

    static let suite = """
        // An end-to-end suite: the token comes from the environment, so it is secret.
        {
          "name": "e2e",
          "variables": { "token": "${env:E2E_TOKEN}" },
          "defaults": { "headers": { "Authorization": "Bearer ${token}" } },
          "cases": [
            {
              "name": "list models",
              "request": { "path": "/v1/models" },
              "expect": { "status": 200, "headers": { "X-Trace-Id": "{{hex:32}}" }, "golden": "models.json" }
            },
            {
              "name": "missing token",
              "request": { "path": "/v1/models", "headers": { "Authorization": null } },
              "expect": {
                "strict": {
                  "status": 401,
                  "body": { "error": { "message": "{{string}}", "type": "invalid_request_error", "param": null, "code": null } }
                },
                "permissive": { "status": 200 }
              }
            },
          ],
        }
        """

    static let modelsGolden = """
        {
          "object": "list",
          "data": [
            { "id": "assay-small", "object": "model", "created": "{{unix-time}}", "owned_by": "{{string}}" },
            { "id": "assay-large", "object": "model", "created": "{{unix-time}}", "owned_by": "{{string}}" }
          ]
        }
        """
}
