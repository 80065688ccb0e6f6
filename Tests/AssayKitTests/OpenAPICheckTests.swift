import AssayKit
import Foundation
import Testing

@Suite struct OpenAPICheckTests {
    /// A description that declares everything passes every rule; each variant that breaks one rule
    /// fails that rule, at the place to fix (removing the trace header's component also leaves the
    /// responses' `$ref`s to it dangling, so that variant fails `refs-resolve` as well).
    @Test(arguments: [
        ("servers", "servers:\n  - url: https://pets.test/v1\n", "servers: []\n", ["servers"], 6),
        ("service version", "  x-service-version: 2024-01-01\n", "", ["service-version"], 3),
        (
            "trace header", "    TraceId:\n      required: true\n      schema: {type: string}\n", "",
            ["trace-header", "refs-resolve"], 62
        ),
        (
            "idempotency header", "    IdempotencyKey:\n      schema:\n        type: string\n", "",
            ["idempotency-header"], 62
        ),
        (
            "error envelope", "      required: [error]\n      properties:\n        error:",
            "      properties:\n        error:", ["error-responses"], 12
        ),
        (
            "reference", "$ref: '#/components/schemas/NewPet'", "$ref: '#/components/schemas/Missing'",
            ["refs-resolve"], 38
        ),
    ])
    func eachRule(name: String, old: String, new: String, rules: [String], line: Int) throws {
        let specs = try OpenAPITestSpecs()
        var check = OpenAPIDocumentCheck()
        check.traceHeader = "X-Trace-Id"
        let healthy = try specs.spec("ok.yaml", OpenAPITestSpecs.petStore)
        #expect(check.check(healthy).isEmpty)
        #expect(OpenAPITestSpecs.petStore.components(separatedBy: old).count == 2, "\(name): edit must be unique")
        let broken = try specs.spec("broken.yaml", OpenAPITestSpecs.petStore.replacingOccurrences(of: old, with: new))
        let findings = check.check(broken)
        #expect(Set(findings.map(\.rule.rawValue)) == Set(rules), "\(name): \(findings.map(\.diagnostic.description))")
        #expect(findings.first?.diagnostic.location?.line == line, "\(name)")
    }

    /// Switched-off rules are not checked; names are configurable.
    @Test func configurableRules() throws {
        let specs = try OpenAPITestSpecs()
        let spec = try specs.spec("ok.yaml", OpenAPITestSpecs.petStore)
        var check = OpenAPIDocumentCheck()
        check.traceHeader = "X-Request-Id"
        #expect(check.check(spec).map(\.rule) == [.traceHeader])
        check.rules = [.servers]
        #expect(check.check(spec).isEmpty)
        check = OpenAPIDocumentCheck()
        check.errorMember = "problem"
        #expect(Set(check.check(spec).map(\.rule)) == [.errorResponses])
    }

    /// The scaffold has one case per operation with examples filled in and the base path applied,
    /// plus an anonymous case per secured operation expecting the 401 envelope.
    @Test func scaffold() throws {
        let specs = try OpenAPITestSpecs()
        let text = OpenAPITestSpecs.petStore.replacingOccurrences(
            of: "          required: true\n          schema:\n            type: string\n",
            with: "          required: true\n          schema:\n            type: string\n            example: rex\n")
        let spec = try specs.spec("pets.yaml", text)
        let suite = try JSONParser.parseNode(OpenAPIScaffold.suite(spec), file: "scaffold.jsonc").value
        let cases = try #require(suite["cases"]?.arrayValue)
        #expect(cases.count == 6)
        #expect(
            cases.map { $0["request"]?["path"]?.stringValue ?? "" } == [
                "/v1/pets", "/v1/pets", "/v1/pets", "/v1/pets", "/v1/pets/rex", "/v1/pets/rex",
            ])
        #expect(cases[2]["expect"]?["status"] == .number(JSONNumber(201)))
        #expect(cases[3]["request"]?["headers"]?["Authorization"] == .null)
        #expect(cases[3]["expect"]?["status"] == .number(JSONNumber(401)))
    }
}
