import AssayKit
import Foundation
import Testing

/// `text` with `old` replaced by `new` exactly once (so a variant cannot silently miss its edit).
private func edited(_ text: String, _ old: String, _ new: String) -> String {
    precondition(text.components(separatedBy: old).count == 2, "`\(old)` must occur exactly once")
    return text.replacingOccurrences(of: old, with: new)
}

@Suite struct OpenAPIDiffTests {
    /// Two real published versions of OpenAI's spec (1.3.0 → 2.0.0): the breaking changes found are
    /// exactly the list made by hand from `git diff 1.3.0 2.0.0 -- openapi.yaml`, each located in
    /// both documents.
    @Test func realPublishedVersions() throws {
        let old = try OpenAPISpec(path: OpenAPIFixtures.path("openai-1.3.0.yaml"))
        let new = try OpenAPISpec(path: OpenAPIFixtures.path("openai-2.0.0.yaml"))
        let changes = OpenAPIDiff.compare(old, new)
        let found = changes.filter(\.isBreaking).map { "\($0.kind.rawValue) \($0.operation) old:\($0.old?.line ?? 0)" }
        let byHand = [
            // The deprecated engines, search, answers and classifications endpoints were deleted.
            "path-removed /engines old:12",
            "path-removed /engines/{engine_id} old:71",
            "path-removed /engines/{engine_id}/search old:771",
            "path-removed /answers old:1117",
            "path-removed /classifications old:1221",
            // ChatCompletionResponseMessage.content gained `nullable: true`.
            "response-type-changed POST /chat/completions old:2364",
            // CreateCompletionRequest added `prompt` to `required`.
            "required-property-added POST /completions old:2080",
        ]
        #expect(found.sorted() == byHand.sorted())
        let content = try #require(changes.first { $0.kind == .responseTypeChanged })
        #expect(content.message.contains("$.choices[].message.content: type changed from string to null|string"))
        #expect(content.new?.description.hasSuffix("openai-2.0.0.yaml:1933:11") == true)
        #expect(changes.allSatisfy { $0.isBreaking })
    }

    /// Each breaking rule fires on a variant that breaks exactly that contract, and only that rule;
    /// the unchanged document produces no change at all.
    @Test(arguments: [
        ("removed path", "  /pets/{petId}:\n    get:", "  /cats/{petId}:\n    get:", ["path-removed", "path-added"]),
        (
            "removed method", "    post:\n      requestBody:", "    put:\n      requestBody:",
            ["method-removed", "method-added"]
        ),
        (
            "required parameter", "          in: query\n", "          in: query\n          required: true\n",
            ["required-parameter-added"]
        ),
        (
            "required property", "      required: [name]\n      properties:\n        name:",
            "      required: [name, kind]\n      properties:\n        name:", ["required-property-added"]
        ),
        (
            "request type", "        weight:\n          type: number", "        weight:\n          type: integer",
            ["request-type-narrowed"]
        ),
        ("request enum", "enum: [cat, dog]", "enum: [cat]", ["request-enum-narrowed"]),
        (
            "response property", "        tag:\n          type: string\n          nullable: true\n", "",
            ["response-property-removed"]
        ),
        (
            "response type", "          format: uuid", "          format: uuid\n          nullable: true",
            ["response-type-changed"]
        ),
        (
            "success status", "        '201':\n          description: created",
            "        '202':\n          description: accepted", ["success-status-removed", "status-added"]
        ),
        ("security", "  - bearer: []", "  - bearer: []\n    apiKey: []", ["security-requirement-added"]),
        (
            "response header",
            "          headers:\n            X-Trace-Id:\n              $ref: '#/components/headers/TraceId'\n", "",
            ["response-header-removed"]
        ),
    ])
    func eachBreakingRule(name: String, old: String, new: String, expected: [String]) throws {
        let specs = try OpenAPITestSpecs()
        let base = try specs.spec("old.yaml", OpenAPITestSpecs.petStore)
        #expect(OpenAPIDiff.compare(base, base).isEmpty)
        let variant = try specs.spec("new.yaml", edited(OpenAPITestSpecs.petStore, old, new))
        let changes = OpenAPIDiff.compare(base, variant)
        #expect(Set(changes.map(\.kind.rawValue)) == Set(expected), "\(name): \(changes.map(\.message))")
        #expect(changes.first?.isBreaking == true)
        #expect(changes.allSatisfy { $0.new?.file.hasSuffix("new.yaml") == true })
    }

    /// Additions and relaxations are listed as non-breaking.
    @Test(arguments: [
        (
            "optional parameter", "          in: query\n",
            "          in: query\n        - name: offset\n          in: query\n", ["optional-parameter-added"]
        ),
        (
            "optional property", "        weight:\n          type: number",
            "        weight:\n          type: number\n        color:\n          type: string",
            ["optional-property-added"]
        ),
        ("enum widened", "enum: [cat, dog]", "enum: [cat, dog, bird]", ["request-enum-widened"]),
        (
            "request type widened", "        weight:\n          type: number",
            "        weight:\n          type: [number, string]", ["request-type-widened"]
        ),
        (
            "response property", "        tag:\n", "        color:\n          type: string\n        tag:\n",
            ["response-property-added"]
        ),
    ])
    func nonBreakingChanges(name: String, old: String, new: String, expected: [String]) throws {
        let specs = try OpenAPITestSpecs()
        let base = try specs.spec("old.yaml", OpenAPITestSpecs.petStore)
        let variant = try specs.spec("new.yaml", edited(OpenAPITestSpecs.petStore, old, new))
        let changes = OpenAPIDiff.compare(base, variant)
        #expect(Set(changes.map(\.kind.rawValue)) == Set(expected), "\(name): \(changes.map(\.message))")
        #expect(changes.allSatisfy { !$0.isBreaking })
    }

    /// `--fail-on removals` fails only on a removed path or method; the report formats carry every change.
    @Test func policyAndReports() throws {
        let old = try OpenAPISpec(path: OpenAPIFixtures.path("openai-1.3.0.yaml"))
        let new = try OpenAPISpec(path: OpenAPIFixtures.path("openai-2.0.0.yaml"))
        let changes = OpenAPIDiff.compare(old, new)
        let removals = OpenAPIDiffReport(oldFile: old.file, newFile: new.file, changes: changes, policy: .removals)
        #expect(removals.failing.count == 5)
        #expect(removals.exitCode == 1)
        let none = OpenAPIDiffReport(oldFile: old.file, newFile: new.file, changes: changes, policy: .none)
        #expect(none.exitCode == 0)
        let markdown = removals.markdown
        #expect(markdown.hasPrefix("## OpenAPI diff\n\n❌ **7 breaking change(s), 0 non-breaking"))
        #expect(markdown.contains("| `path-removed` | /answers | path `/answers` was removed |"))
        let annotations = removals.annotations
        #expect(annotations.count == 7)
        #expect(annotations.filter { $0.hasPrefix("::error file=") }.count == 5)
        #expect(annotations.filter { $0.hasPrefix("::warning file=") }.count == 2)
        let json = try JSONParser.parseValue(removals.json)
        #expect(json["breaking"] == .number(JSONNumber(7)))
        #expect(json["changes"]?.arrayValue?.count == 7)
    }

    /// `$ref`s reach other local files and recursive schemas terminate; a broken reference is a
    /// positioned error; a reference cycle is an error, not a hang.
    @Test func referencesAcrossFilesAndCycles() throws {
        let specs = try OpenAPITestSpecs()
        try specs.write(
            "schemas/tree.yaml",
            """
            Tree:
              type: object
              properties:
                label: {type: string}
                children:
                  type: array
                  items: {$ref: '#/Tree'}
            """)
        let text = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /tree:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: 'schemas/tree.yaml#/Tree'}
            """
        let old = try specs.spec("old.yaml", text)
        let new = try specs.spec(
            "new.yaml", text.replacingOccurrences(of: "description: ok", with: "description: fine"))
        #expect(OpenAPIDiff.compare(old, new).isEmpty)
        let schema = try #require(
            old.operations.first?.node["responses"]?["200"]?["content"]?["application/json"]?["schema"])
        let tree = try old.resolver.resolve(schema)
        #expect(tree.document.hasSuffix("schemas/tree.yaml"))
        #expect(tree["properties"]?["label"] != nil)
        let children = try #require(tree["properties"]?["children"]?["items"])
        #expect(try old.resolver.resolve(children).location == tree.location)

        let loop = try specs.spec(
            "loop.yaml",
            "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n"
        )
        let a = try #require(loop.root["components"]?["schemas"]?["A"])
        #expect(throws: Diagnostic.self) { try loop.resolver.resolve(a) }
        let missing = try #require(old.root["paths"]).members.first!.value
        do {
            _ = try old.resolver.target(of: "#/components/schemas/Nope", from: missing)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "`$ref: #/components/schemas/Nope` does not resolve: no member `components`")
        }
    }

    /// `oneOf`/`anyOf` branches are paired by the schema they name: a request that loses one, or a
    /// response that gains one, breaks clients; the opposite does not; a paired branch is compared
    /// inside (`$<Card>.number`).
    @Test(arguments: [
        (
            "request loses a branch",
            "    post:\n      requestBody: {content: {application/json: {schema: {oneOf: [{$ref: '#/components/schemas/Card'}, {$ref: '#/components/schemas/Bank'}]}}}}",
            "    post:\n      requestBody: {content: {application/json: {schema: {oneOf: [{$ref: '#/components/schemas/Card'}]}}}}",
            ["request-alternative-removed"]
        ),
        (
            "request gains a branch", "[{$ref: '#/components/schemas/Card'}, {$ref: '#/components/schemas/Bank'}]}}}}",
            "[{$ref: '#/components/schemas/Card'}, {$ref: '#/components/schemas/Bank'}, {title: Cash, type: object}]}}}}",
            ["request-alternative-added"]
        ),
        (
            "response gains a branch", "anyOf: [{$ref: '#/components/schemas/Card'}]",
            "anyOf: [{$ref: '#/components/schemas/Card'}, {$ref: '#/components/schemas/Bank'}]",
            ["response-alternative-added"]
        ),
        (
            "a paired branch changes inside", "Card: {type: object, properties: {number: {type: string}}}",
            "Card: {type: object, required: [number], properties: {number: {type: string}}}",
            ["required-property-added"]
        ),
    ])
    func alternatives(name: String, old: String, new: String, expected: [String]) throws {
        let text = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /pay:
                post:
                  requestBody: {content: {application/json: {schema: {oneOf: [{$ref: '#/components/schemas/Card'}, {$ref: '#/components/schemas/Bank'}]}}}}
                  responses:
                    '200': {description: ok, content: {application/json: {schema: {anyOf: [{$ref: '#/components/schemas/Card'}]}}}}
            components:
              schemas:
                Card: {type: object, properties: {number: {type: string}}}
                Bank: {type: object, properties: {iban: {type: string}}}
            """
        func spec(_ yaml: String) throws -> OpenAPISpec {
            try OpenAPISpec(
                documents: OpenAPIDocumentSet(name: "p.yaml", root: YAMLParser.parseNode(yaml, file: "p.yaml")))
        }
        let before = try spec(text)
        let changes = OpenAPIDiff.compare(before, try spec(edited(text, old, new)))
        #expect(changes.map(\.kind.rawValue) == expected, "\(name): \(changes.map(\.message))")
        #expect(OpenAPIDiff.compare(before, before).isEmpty)
        if name == "a paired branch changes inside" {
            #expect(changes.first?.message.contains("$<Card>.number") == true, "\(changes.map(\.message))")
        }
    }
}
