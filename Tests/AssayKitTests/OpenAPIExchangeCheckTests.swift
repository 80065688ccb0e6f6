import AssayKit
import Foundation
import Testing

/// A description of one streamed and one plain operation, written both ways descriptions write
/// stream events: OpenAI's (the schema is the data's JSON) and OpenAPI 3.2's (the schema is the
/// event's fields, `data` holding JSON by `contentSchema`).
private let streamSpec = """
    openapi: 3.1.0
    info: {title: t, version: '1'}
    servers: [{url: 'https://api.test/v1'}]
    paths:
      /chat:
        post:
          responses:
            '200':
              description: ok
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Chunk'}
                text/event-stream:
                  schema: {$ref: '#/components/schemas/Chunk'}
      /events:
        post:
          responses:
            '200':
              description: ok
              content:
                text/event-stream:
                  itemSchema:
                    type: object
                    required: [data]
                    properties:
                      event: {type: string}
                      data:
                        anyOf:
                          - {const: '[DONE]'}
                          - {type: string, contentMediaType: application/json, contentSchema: {$ref: '#/components/schemas/Chunk'}}
      /items:
        get:
          responses:
            '200':
              description: ok
              content:
                application/json:
                  schema: {type: array, items: {type: integer}}
    components:
      schemas:
        Chunk:
          type: object
          required: [id, user]
          properties:
            id: {type: string}
            user: {type: string}
            note: {type: string, nullable: true}
    """

private func exchangeCheck(
    scope: OpenAPISetting.Scope = .all, allowNull: [String] = [], target: String = "http://127.0.0.1:1"
) throws -> OpenAPIExchangeCheck {
    let spec = try OpenAPISpec(
        documents: OpenAPIDocumentSet(name: "s.yaml", root: YAMLParser.parseNode(streamSpec, file: "s.yaml")))
    return try OpenAPIExchangeCheck(spec: spec, mode: .strict, scope: scope, allowNull: allowNull, target: target)
}

private let json = [(name: "Content-Type", value: "application/json")]
private let sse = [(name: "Content-Type", value: "text/event-stream")]

/// `subject: message` of each failed check.
private func failures(_ checks: [CheckResult]) -> [String] {
    checks.filter(\.failed).map { "\($0.subject ?? ""): \($0.message)" }
}

@Suite struct OpenAPIExchangeCheckTests {
    /// A fitting body passes; each violation is its own failed check naming the path, with the
    /// schema's place as the check's location.
    @Test func violationsAreChecks() throws {
        let check = try exchangeCheck()
        let good = check.checks(
            method: "POST", url: "http://127.0.0.1:1/v1/chat", status: 200, headers: json,
            body: Data(#"{"id": "a", "user": "u"}"#.utf8))
        #expect(good.count == 1 && good[0].passed, "\(good)")
        let bad = check.checks(
            method: "POST", url: "http://127.0.0.1:1/v1/chat", status: 200, headers: json,
            body: Data(#"{"id": 1}"#.utf8))
        #expect(
            failures(bad) == [
                "$.user: openapi POST /chat 200: $.user: required member is missing",
                "$.id: openapi POST /chat 200: $.id: expected a string, got 1",
            ])
        #expect(bad.first?.location?.file == "s.yaml")
    }

    /// An exchange no operation matches gets no check (a passing one would claim a validation
    /// that did not happen), and neither does a 401 out of a `success` scope: both are counted
    /// instead. Under `all` an undeclared status is a violation, and counted as validated.
    @Test func unmatchedAndScope() throws {
        let check = try exchangeCheck()
        let unmatched = check.checks(
            method: "GET", url: "http://127.0.0.1:1/v1/other", status: 200, headers: json, body: Data("{}".utf8))
        #expect(unmatched.isEmpty, "\(unmatched)")
        #expect(check.tally.summary(spec: "s.yaml") == OpenAPISummary(spec: "s.yaml", unmatched: 1))
        let error = Data(#"{"error": {}}"#.utf8)
        let scoped = try exchangeCheck(scope: .success)
        let success = scoped.checks(
            method: "GET", url: "http://127.0.0.1:1/v1/items", status: 401, headers: json, body: error)
        #expect(success.isEmpty, "\(success)")
        #expect(scoped.tally.summary(spec: "s.yaml") == OpenAPISummary(spec: "s.yaml", outsideScope: 1))
        let all = check.checks(
            method: "GET", url: "http://127.0.0.1:1/v1/items", status: 401, headers: json, body: error)
        #expect(all.filter(\.failed).map(\.subject) == ["status"])
        // Judged again to describe it (`tallied: false`), an exchange is not counted twice.
        _ = check.checks(
            method: "GET", url: "http://127.0.0.1:1/v1/items", status: 401, headers: json, body: error, tallied: false)
        #expect(check.tally.summary(spec: "s.yaml") == OpenAPISummary(spec: "s.yaml", validated: 1, unmatched: 1))
        #expect(
            check.tally.summary(spec: "s.yaml").line
                == "openapi: 1 exchange(s) validated against s.yaml, 1 matched no operation, 0 outside the validated statuses"
        )
    }

    /// The target's own base path is taken off before the servers' (`/gateway` then `/v1`).
    @Test func targetBasePath() throws {
        let check = try exchangeCheck(target: "http://127.0.0.1:1/gateway/")
        let checks = check.checks(
            method: "GET", url: "http://127.0.0.1:1/gateway/v1/items?limit=2", status: 200, headers: json,
            body: Data("[1, \"x\"]".utf8))
        #expect(failures(checks) == ["$[1]: openapi GET /items 200: $[1]: expected an integer, got \"x\""])
    }

    /// A stream is validated event by event, both ways a description writes events, from a body
    /// (a plain step) or from the events a stream step already read.
    @Test func streamEvents() throws {
        let check = try exchangeCheck()
        let body = Data(
            "data: {\"id\": \"a\", \"user\": \"u\"}\n\ndata: {\"id\": \"b\"}\n\ndata: [DONE]\n\n".utf8)
        #expect(
            failures(
                check.checks(method: "POST", url: "http://127.0.0.1:1/v1/chat", status: 200, headers: sse, body: body))
                == ["event 2 $.user: openapi POST /chat 200: event 2 $.user: required member is missing"])
        #expect(
            failures(
                check.checks(
                    method: "POST", url: "http://127.0.0.1:1/v1/events", status: 200, headers: sse, body: body))
                == ["event 2 $.data: openapi POST /events 200: event 2 $.data: matches none of the 2 anyOf schemas"])
        let read = [SSEEvent(data: #"{"id": 3, "user": "u"}"#, at: .now)]
        #expect(
            failures(
                check.checks(
                    method: "POST", url: "http://127.0.0.1:1/v1/chat", status: 200, headers: sse, body: Data(),
                    events: read))
                == ["event 1 $.id: openapi POST /chat 200: event 1 $.id: expected a string, got 3"])
        let passing = check.checks(
            method: "POST", url: "http://127.0.0.1:1/v1/events", status: 200, headers: sse, body: Data(),
            events: [SSEEvent(type: "chunk", data: #"{"id": "a", "user": "u"}"#, at: .now)])
        #expect(passing.map(\.message) == ["openapi: POST /events 200 fits s.yaml (1 event)"])
    }

    /// 3.0's `nullable` is honoured in a 3.1 document, and `allowNull` admits null where the
    /// description does not; a pointer that names nothing is an error.
    @Test func nullability() throws {
        let body = Data(#"{"id": "a", "user": null, "note": null}"#.utf8)
        let url = "http://127.0.0.1:1/v1/chat"
        #expect(
            failures(try exchangeCheck().checks(method: "POST", url: url, status: 200, headers: json, body: body))
                == ["$.user: openapi POST /chat 200: $.user: expected a string, got null"])
        let allowed = try exchangeCheck(allowNull: ["/components/schemas/Chunk/properties/user"])
        #expect(failures(allowed.checks(method: "POST", url: url, status: 200, headers: json, body: body)).isEmpty)
        #expect(throws: Diagnostic.self) { try exchangeCheck(allowNull: ["/components/schemas/Nope"]) }
    }

    /// Hundreds of items breaking one rule give the first violations and one check counting the rest.
    @Test func violationsAreCapped() throws {
        let items = "[" + Array(repeating: "\"x\"", count: 50).joined(separator: ",") + "]"
        let checks = try exchangeCheck().checks(
            method: "GET", url: "http://127.0.0.1:1/v1/items", status: 200, headers: json, body: Data(items.utf8))
        #expect(checks.count == 21)
        #expect(checks.last?.message == "openapi GET /items 200: 30 more violation(s) not shown")
    }
}
