import AssayKit
import AssayTestSupport
import Foundation
import Testing

/// The reference target's own description, fetched over loopback, checked and used to validate its
/// responses: a healthy target breaks no rule, and each fault breaks exactly what it should.
@Suite struct OpenAPITargetTests {
    private static let token = "sk-openapi-\(UUID().uuidString.prefix(8).lowercased())"

    private struct Fetched {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: Data
    }

    private func fetch(_ target: TargetProcess, _ path: String, authorized: Bool = true) throws -> Fetched {
        let client = try #require(CurlClient())
        var headers = HTTPHeaders()
        if authorized { headers.append(name: "Authorization", value: "Bearer \(Self.token)") }
        let response = try #require(client.perform(HTTPRequest(url: target.baseURL + path, headers: headers)).response)
        return Fetched(
            status: response.status, headers: response.headers.fields.map { ($0.name, $0.value) }, body: response.body)
    }

    /// The target's `/openapi.json` as a spec read from a file, as a user would check it.
    private func spec(_ target: TargetProcess) throws -> OpenAPISpec {
        let fetched = try fetch(target, "/openapi.json")
        #expect(fetched.status == 200)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assay-target-\(UUID().uuidString).json")
        try fetched.body.write(to: file)
        return try OpenAPISpec(path: file.path)
    }

    /// `check` on the healthy document finds nothing; each OpenAPI fault breaks exactly its rules.
    @Test(arguments: [
        ([String](), [String]()),
        (["--fault", "openapi-missing-servers"], ["servers"]),
        (["--fault", "openapi-missing-version"], ["service-version"]),
        (["--fault", "openapi-missing-header-components"], ["trace-header", "idempotency-header"]),
    ])
    func documentCheck(faults: [String], expected: [String]) throws {
        let target = try TargetProcess(arguments: ["--token", Self.token] + faults)
        let findings = OpenAPIDocumentCheck().check(try spec(target))
        #expect(Set(findings.map(\.rule.rawValue)) == Set(expected), "\(findings.map(\.diagnostic.description))")
    }

    /// Responses of a healthy target (a success and a 401 envelope) have no violation; a fault that
    /// drops the envelope's `param` or the 401's trace headers gives exactly those violations.
    @Test func responsesAgainstTheTargetsOwnDescription() throws {
        let cases: [([String], [String])] = [
            ([], []),
            (["--fault", "envelope-missing-param"], ["$.error.param required"]),
            (["--fault", "no-trace-on-401"], ["header X-Trace-Id headers", "header X-Request-Id headers"]),
        ]
        for (faults, expected) in cases {
            let target = try TargetProcess(arguments: ["--token", Self.token] + faults)
            let spec = try spec(target)
            let matcher = OpenAPIOperationMatcher(spec: spec)
            let validator = OpenAPIResponseValidator(spec: spec, mode: .strict)
            let operation = try #require(matcher.match(method: "GET", path: "/v1/models")?.operation)
            let success = try fetch(target, "/v1/models")
            #expect(success.status == 200)
            #expect(validator.validate(operation, status: 200, headers: success.headers, body: success.body).isEmpty)
            let anonymous = try fetch(target, "/v1/models", authorized: false)
            #expect(anonymous.status == 401)
            let violations = validator.validate(
                operation, status: 401, headers: anonymous.headers, body: anonymous.body)
            #expect(violations.map { "\($0.path) \($0.keyword)" } == expected, "\(faults): \(violations)")
        }
    }
}
