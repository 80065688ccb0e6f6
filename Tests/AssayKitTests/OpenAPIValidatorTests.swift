import Foundation
import Testing

@testable import AssayKit

/// A 3.1 (or 3.0) description holding one schema `S` under components, for keyword tests.
private func schemaSpec(_ schema: String, version: String = "3.1.0", extra: String = "") throws -> OpenAPISpec {
    let text =
        "openapi: \(version)\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S: \(schema)\n\(extra)"
    return try OpenAPISpec(
        documents: OpenAPIDocumentSet(name: "spec.yaml", root: YAMLParser.parseNode(text, file: "spec.yaml")))
}

/// The violations of `json` against schema `S`, as `path keyword line:column`.
private func violations(
    _ json: String, _ schema: String, version: String = "3.1.0", mode: PolicyMode = .strict, extra: String = ""
)
    throws -> [String]
{
    let spec = try schemaSpec(schema, version: version, extra: extra)
    let validator = OpenAPISchemaValidator(spec: spec, mode: mode)
    let target = try #require(spec.root["components"]?["schemas"]?["S"])
    return validator.validate(try JSONParser.parseValue(json), against: target).map {
        "\($0.path) \($0.keyword) \($0.schemaLocation.line):\($0.schemaLocation.column)"
    }
}

@Suite struct OpenAPIValidatorTests {
    /// Each keyword fails a value that breaks exactly it, at the keyword's place in the spec, and
    /// passes one that keeps it.
    @Test(arguments: [
        ("{type: string}", #""a""#, "42", ["$ type 6:15"]),
        ("{type: [string, 'null']}", "null", "1", ["$ type 6:15"]),
        ("{type: integer}", "3", "3.5", ["$ type 6:15"]),
        ("{required: [id]}", #"{"id": 1}"#, "{}", ["$.id required 6:19"]),
        ("{properties: {id: {type: string}}}", #"{"id": "x"}"#, #"{"id": 1}"#, ["$.id type 6:33"]),
        (
            "{additionalProperties: false, properties: {a: {}}}", #"{"a": 1}"#, #"{"a": 1, "b": 2}"#,
            ["$.b additionalProperties 6:31"]
        ),
        ("{additionalProperties: {type: integer}}", #"{"a": 1}"#, #"{"a": "x"}"#, ["$.a type 6:38"]),
        ("{items: {type: integer}}", "[1, 2]", #"[1, "x"]"#, ["$[1] type 6:23"]),
        ("{prefixItems: [{type: string}], items: false}", #"["a"]"#, #"["a", 2]"#, ["$[1] items 6:47"]),
        ("{enum: [a, b]}", #""a""#, #""c""#, ["$ enum 6:15"]),
        ("{const: 5}", "5", "6", ["$ const 6:16"]),
        ("{format: date-time}", #""2024-01-02T03:04:05Z""#, #""yesterday""#, ["$ format 6:17"]),
        ("{format: uuid}", #""123e4567-e89b-12d3-a456-426614174000""#, #""123""#, ["$ format 6:17"]),
        ("{format: email}", #""a@b.example""#, #""a.b.example""#, ["$ format 6:17"]),
        ("{format: uri}", #""https://x.test/a""#, #""not a uri""#, ["$ format 6:17"]),
        ("{format: int32}", "2147483647", "2147483648", ["$ format 6:17"]),
        ("{format: int64}", "9007199254740993", "1.5", ["$ format 6:17"]),
        ("{pattern: '^chatcmpl-'}", #""chatcmpl-1""#, #""cmpl-1""#, ["$ pattern 6:18"]),
        ("{minimum: 1, maximum: 3}", "2", "4", ["$ maximum 6:30"]),
        ("{exclusiveMinimum: 0}", "0.5", "0", ["$ exclusiveMinimum 6:27"]),
        ("{minLength: 2, maxLength: 3}", #""abc""#, #""a""#, ["$ minLength 6:20"]),
        ("{minItems: 1, maxItems: 2}", "[1]", "[1, 2, 3]", ["$ maxItems 6:32"]),
        ("{allOf: [{required: [a]}, {required: [b]}]}", #"{"a": 1, "b": 2}"#, #"{"a": 1}"#, ["$.b required 6:45"]),
        ("{anyOf: [{type: string}, {type: integer}]}", "1", "true", ["$ anyOf 6:16"]),
        ("{oneOf: [{type: number}, {type: integer}]}", "1.5", "1", ["$ oneOf 6:16"]),
    ])
    func eachKeyword(schema: String, passing: String, failing: String, expected: [String]) throws {
        #expect(try violations(passing, schema).isEmpty, "\(schema) should accept \(passing)")
        let found = try violations(failing, schema)
        #expect(found == expected, "\(schema) against \(failing)")
    }

    /// OpenAPI 3.0's `nullable: true` admits null; without it null is a type violation.
    @Test func nullableIn30() throws {
        #expect(try violations("null", "{type: string, nullable: true}", version: "3.0.3").isEmpty)
        #expect(Array(try violations("null", "{type: string}", version: "3.0.3")) == ["$ type 6:15"])
    }

    /// 3.1 documents that still write 3.0's `nullable: true` (OpenAI's does) mean it.
    @Test func nullableIn31() throws {
        #expect(try violations("null", "{type: string, nullable: true}").isEmpty)
        #expect(Array(try violations("null", "{type: string}")) == ["$ type 6:15"])
    }

    /// Without a mapping entry or a schema named by the value, the option whose own property pins
    /// the value (`enum: [dog]`, `const`) is the one chosen, so violations name paths inside it.
    @Test func discriminatorPinnedByTheOption() throws {
        let extra = """
                Cat: {type: object, required: [meow], properties: {kind: {enum: [cat.v1]}, meow: {type: boolean}}}
                Dog: {allOf: [{type: object, required: [bark], properties: {kind: {const: dog.v1}}}]}
            """
        let schema =
            "{anyOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}], discriminator: {propertyName: kind}}"
        #expect(try violations(#"{"kind": "dog.v1", "bark": 1}"#, schema, extra: extra).isEmpty)
        #expect(Array(try violations(#"{"kind": "cat.v1"}"#, schema, extra: extra)) == ["$.meow required 7:35"])
        let cow = try violations(#"{"kind": "cow"}"#, schema, extra: extra)
        #expect(cow == ["$.kind discriminator 6:105"], "\(cow)")
    }

    /// Strict mode reports undeclared members where `additionalProperties` is false; permissive ignores them.
    @Test func strictAndPermissive() throws {
        let schema = "{additionalProperties: false, properties: {a: {}}}"
        #expect(try violations(#"{"a": 1, "extra": 2}"#, schema, mode: .strict).count == 1)
        #expect(try violations(#"{"a": 1, "extra": 2}"#, schema, mode: .permissive).isEmpty)
    }

    /// A discriminator picks the schema by the member's value (with or without a mapping), and a
    /// missing or unknown value is reported at the discriminator.
    @Test func discriminator() throws {
        let extra = """
                Cat: {type: object, required: [meow], properties: {kind: {const: Cat}, meow: {type: boolean}}}
                Dog: {type: object, required: [bark], properties: {kind: {const: dog}, bark: {type: boolean}}}
            """
        let schema =
            "{oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}], discriminator: {propertyName: kind, mapping: {dog: '#/components/schemas/Dog'}}}"
        #expect(try violations(#"{"kind": "Cat", "meow": true}"#, schema, extra: extra).isEmpty)
        #expect(try violations(#"{"kind": "dog", "bark": true}"#, schema, extra: extra).isEmpty)
        #expect(
            Array(try violations(#"{"kind": "dog", "meow": true}"#, schema, extra: extra)) == ["$.bark required 8:35"])
        #expect(Array(try violations(#"{"kind": "cow"}"#, schema, extra: extra)) == ["$.kind discriminator 6:105"])
        #expect(Array(try violations(#"{"meow": true}"#, schema, extra: extra)) == ["$.kind discriminator 6:105"])
    }

    /// A schema that refers to itself validates nested values and ends.
    @Test func recursiveSchema() throws {
        let schema = "{type: object, properties: {children: {type: array, items: {$ref: '#/components/schemas/S'}}}}"
        #expect(try violations(#"{"children": [{"children": []}]}"#, schema).isEmpty)
        #expect(
            Array(try violations(#"{"children": [{"children": [1]}]}"#, schema)) == [
                "$.children[0].children[0] type 6:15"
            ])
        #expect(try violations("{}", "{allOf: [{$ref: '#/components/schemas/S'}]}").isEmpty)
    }

    /// `nullable: true` beside a `$ref`: 3.1 applies the keywords written beside a reference (JSON
    /// Schema 2020-12), so null is accepted there, as OpenAI's stream chunks' `usage` needs; 3.0
    /// says they are ignored, so null is held to the target. Either way a value that is not null
    /// is still held to the target, and `allOf: [$ref]` with `nullable` accepts null in both.
    @Test(arguments: ["3.1.0", "3.0.3"])
    func nullableBesideReference(version: String) throws {
        let extra = "    T: {type: object, required: [id]}"
        let beside = "{$ref: '#/components/schemas/T', nullable: true}"
        let besideNull = try violations("null", beside, version: version, extra: extra)
        #expect(besideNull == (version == "3.1.0" ? [] : ["$ type 7:15"]), "\(besideNull)")
        let besideEmpty = try violations("{}", beside, version: version, extra: extra)
        #expect(besideEmpty == ["$.id required 7:33"], "\(besideEmpty)")
        let wrapped = "{allOf: [{$ref: '#/components/schemas/T'}], nullable: true}"
        #expect(try violations("null", wrapped, version: version, extra: extra).isEmpty)
        let wrappedEmpty = try violations("{}", wrapped, version: version, extra: extra)
        #expect(wrappedEmpty == ["$.id required 7:33"], "\(wrappedEmpty)")
        // Other keywords beside a `$ref` count in 3.1 only.
        let narrowed = "{$ref: '#/components/schemas/T', required: [name]}"
        let found = try violations(#"{"id": 1}"#, narrowed, version: version, extra: extra)
        #expect(found == (version == "3.1.0" ? ["$.name required 6:51"] : []), "\(found)")
    }

    /// Schemas that refer to each other validate values as deep as they go and end; a chain of
    /// references that comes back to itself without a schema in between is a violation, not a hang.
    @Test func cyclesThroughReferences() throws {
        let extra = "    T: {type: object, required: [id], properties: {back: {$ref: '#/components/schemas/S'}}}"
        let schema = "{type: object, properties: {next: {$ref: '#/components/schemas/T'}}}"
        #expect(try violations(#"{"next": {"id": 1, "back": {"next": {"id": 2}}}}"#, schema, extra: extra).isEmpty)
        let deep = try violations(#"{"next": {"id": 1, "back": {"next": {"back": 3}}}}"#, schema, extra: extra)
        #expect(deep == ["$.next.back.next.id required 7:33", "$.next.back.next.back type 6:15"], "\(deep)")
        let loop = try violations(
            "{}", "{$ref: '#/components/schemas/T'}", extra: "    T: {$ref: '#/components/schemas/S'}")
        #expect(loop == ["$ $ref 6:8"], "\(loop)")
    }

    /// A discriminated `oneOf` inside an `allOf` beside a shared base: the base's rules and the
    /// chosen option's both apply, each reported once; the compiled schemas are shared by threads
    /// validating at once, and give each the same answer.
    @Test func allOfWithDiscriminator() throws {
        let extra = """
                Base: {type: object, required: [id]}
                Cat: {type: object, required: [meow], properties: {kind: {const: cat}}}
                Dog: {type: object, required: [bark], properties: {kind: {const: dog}}}
            """
        let schema =
            "{allOf: [{$ref: '#/components/schemas/Base'}, {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}], discriminator: {propertyName: kind}}]}"
        #expect(try violations(#"{"id": 1, "kind": "dog", "bark": true}"#, schema, extra: extra).isEmpty)
        let dog = try violations(#"{"kind": "dog"}"#, schema, extra: extra)
        #expect(dog == ["$.id required 7:36", "$.bark required 9:35"], "\(dog)")
        let spec = try schemaSpec(schema, extra: extra)
        let validator = OpenAPISchemaValidator(spec: spec, mode: .strict)
        let target = try #require(spec.root["components"]?["schemas"]?["S"])
        let value = try JSONParser.parseValue(#"{"kind": "cat"}"#)
        let answers = OpenAPIConcurrentAnswers()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            answers.add(validator.validate(value, against: target).map(\.path))
        }
        #expect(answers.distinct == [["$.id", "$.meow"]])
    }

    /// Operations are found by method and path template once the server's base path is removed;
    /// literal segments win over parameters, and `{Sid}.json` segments match.
    @Test func operationMatching() throws {
        let spec = try OpenAPISpec(path: OpenAPIFixtures.path("openai-2.0.0.yaml"))
        let matcher = OpenAPIOperationMatcher(spec: spec)
        #expect(
            matcher.match(method: "POST", path: "/v1/chat/completions")?.operation.title == "POST /chat/completions")
        let file = try #require(matcher.match(method: "GET", path: "/v1/files/file-abc/content?x=1"))
        #expect(file.operation.path == "/files/{file_id}/content")
        #expect(file.pathParameters == ["file_id": "file-abc"])
        #expect(matcher.match(method: "GET", path: "/chat/completions") == nil)
        #expect(matcher.match(method: "DELETE", path: "/v1/chat/completions") == nil)
        let twilio = OpenAPIOperationMatcher(
            spec: try OpenAPISpec(path: OpenAPIFixtures.path("twilio-api-v2010-2.6.7.yaml")))
        let account = try #require(twilio.match(method: "GET", path: "/2010-04-01/Accounts/AC123.json"))
        #expect(account.operation.path == "/2010-04-01/Accounts/{Sid}.json")
        #expect(account.pathParameters == ["Sid": "AC123"])
        #expect(
            twilio.match(method: "GET", path: "/2010-04-01/Accounts.json")?.operation.path
                == "/2010-04-01/Accounts.json")
    }

    /// For a request made from every operation of two real descriptions, the matcher picks what
    /// trying every operation of the method picks: the template with most literal segments, the
    /// first of equals (its buckets by method, length and first segment must not change the answer).
    @Test func operationMatchingAgreesWithTryingEveryOperation() throws {
        for file in ["openai-2.0.0.yaml", "twilio-api-v2010-2.6.7.yaml"] {
            let spec = try OpenAPISpec(path: OpenAPIFixtures.path(file))
            let matcher = OpenAPIOperationMatcher(spec: spec)
            let base =
                (spec.root["servers"]?.items.first?["url"]?.string).map(OpenAPIOperationMatcher.pathSegments) ?? []
            var checked = 0
            for operation in spec.operations {
                // Each parameter's value made up, so that literal-first and parameter-first templates compete.
                let segments = OpenAPIOperationMatcher.segments(operation.path).map {
                    $0.replacingOccurrences(of: #"\{[^}]*\}"#, with: "v1", options: .regularExpression)
                }
                let path = "/" + (base + segments).joined(separator: "/")
                var expected: (operation: OpenAPIOperation, literals: Int)?
                for candidate in spec.operations where candidate.method == operation.method {
                    let parts = OpenAPIOperationMatcher.segments(candidate.path)
                    guard parts.count == segments.count,
                        zip(parts, segments).allSatisfy({
                            OpenAPIOperationMatcher.matches(template: $0, segment: $1) != nil
                        })
                    else { continue }
                    let literals = parts.filter { !$0.contains("{") }.count
                    if literals > expected?.literals ?? -1 { expected = (candidate, literals) }
                }
                let found = matcher.match(method: operation.method.uppercased(), path: path)
                #expect(found?.operation.title == expected?.operation.title, "\(file): \(path)")
                checked += 1
            }
            #expect(checked >= 20)
        }
    }

    /// A response is checked for a declared status, a declared content type, its body's schema and
    /// its declared headers; a response that keeps them all has no violation.
    @Test func responses() throws {
        let specs = try OpenAPITestSpecs()
        let spec = try specs.spec("pets.yaml", OpenAPITestSpecs.petStore)
        let validator = OpenAPIResponseValidator(spec: spec, mode: .strict)
        let list = try #require(spec.operation("get", "/pets"))
        let json = [(name: "Content-Type", value: "application/json; charset=utf-8"), (name: "x-trace-id", value: "t")]
        let good = Data(#"[{"id": "123e4567-e89b-12d3-a456-426614174000", "name": "Rex", "tag": null}]"#.utf8)
        #expect(validator.validate(list, status: 200, headers: json, body: good).isEmpty)
        let bad = Data(#"[{"id": "nope", "tag": 3}]"#.utf8)
        #expect(
            validator.validate(list, status: 200, headers: json, body: bad).map(\.description) == [
                "$[0].name: required member is missing (\(specs.directory.path)/pets.yaml:87:17)",
                "$[0].id: \"nope\" is not a valid uuid (\(specs.directory.path)/pets.yaml:91:19)",
                "$[0].tag: expected a string, got 3 (\(specs.directory.path)/pets.yaml:95:17)",
            ])
        let noTrace = [(name: "Content-Type", value: "application/json")]
        #expect(
            validator.validate(list, status: 200, headers: noTrace, body: good).map(\.path) == ["header X-Trace-Id"])
        #expect(
            validator.validate(
                list, status: 200, headers: [(name: "Content-Type", value: "text/html"), json[1]], body: good
            ).map(\.keyword) == ["content"])
        let create = try #require(spec.operation("post", "/pets"))
        #expect(
            validator.validate(create, status: 418, headers: json, body: Data(#"{"error": {"message": "x"}}"#.utf8))
                .isEmpty)
        #expect(
            validator.validate(create, status: 500, headers: json, body: Data("{}".utf8)).map(\.description).first?
                .hasPrefix("$.error: missing") == false)
        #expect(
            validator.validate(create, status: 500, headers: json, body: Data("{}".utf8)).map(\.keyword) == ["required"]
        )
    }

    /// A stream's events are validated one by one against the `text/event-stream` item schema;
    /// the `[DONE]` terminator is not an event.
    @Test func streamEvents() throws {
        let text = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /v1/chat/completions:
                post:
                  responses:
                    '200':
                      description: a stream of chunks
                      content:
                        text/event-stream:
                          itemSchema:
                            type: object
                            required: [object]
                            properties:
                              object: {const: chat.completion.chunk}
            """
        let spec = try OpenAPISpec(
            documents: OpenAPIDocumentSet(name: "s.yaml", root: YAMLParser.parseNode(text, file: "s.yaml")))
        let validator = OpenAPIResponseValidator(spec: spec, mode: .strict)
        let operation = try #require(spec.operation("post", "/v1/chat/completions"))
        #expect(
            validator.validateEvent(#"{"object": "chat.completion.chunk"}"#, operation: operation, status: 200).isEmpty)
        #expect(validator.validateEvent("[DONE]", operation: operation, status: 200).isEmpty)
        #expect(
            validator.validateEvent(#"{"object": "chat.completion"}"#, operation: operation, status: 200).map(
                \.description)
                == [#"$.object: expected "chat.completion.chunk", got "chat.completion" (s.yaml:15:35)"#])
        #expect(validator.validateEvent("not json", operation: operation, status: 200).map(\.keyword) == ["content"])
    }
}

/// What several threads found, gathered under a lock.
private final class OpenAPIConcurrentAnswers: @unchecked Sendable {
    // @unchecked: `answers` is guarded by `lock`.
    private let lock = NSLock()
    private var answers: [[String]] = []

    func add(_ answer: [String]) { lock.withLock { answers.append(answer) } }
    var distinct: Set<[String]> { lock.withLock { Set(answers) } }
}
