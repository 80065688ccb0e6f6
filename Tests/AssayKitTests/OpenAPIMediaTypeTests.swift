import Foundation
import Testing

@testable import AssayKit

/// How an exchange's `Content-Type` and path find what the description declares: the media
/// type's essence is compared in place, ignoring case, and the path's segments as bytes.
@Suite struct OpenAPIMediaTypeTests {
    private static let spec = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        servers: [{url: 'https://api.test/v1'}]
        paths:
          /files/{file_id}/content:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {type: object, required: [id], properties: {id: {type: string}}}
                    image/*:
                      schema: {type: string}
          /any:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/vnd.api+json:
                      schema: {type: array}
                    '*/*':
                      schema: {type: object}
        """

    private func validator() throws -> (OpenAPIResponseValidator, OpenAPISpec) {
        let spec = try OpenAPISpec(
            documents: OpenAPIDocumentSet(name: "m.yaml", root: YAMLParser.parseNode(Self.spec, file: "m.yaml")))
        return (OpenAPIResponseValidator(spec: spec, mode: .strict), spec)
    }

    /// The essence is the media type before its parameters, blanks trimmed, case kept.
    @Test func essence() {
        #expect(OpenAPIResponsePlan.essence(of: "application/json") == "application/json")
        #expect(OpenAPIResponsePlan.essence(of: " Application/JSON ; charset=utf-8") == "Application/JSON")
        #expect(OpenAPIResponsePlan.essence(of: "\ttext/plain\t") == "text/plain")
        #expect(OpenAPIResponsePlan.essence(of: "; charset=utf-8") == "")
        #expect(OpenAPIResponsePlan.essence(of: "   ") == "")
        #expect(OpenAPIResponsePlan.essence(of: "") == "")
        #expect(OpenAPIExchangeCheck.isEventStream("Text/Event-Stream; charset=utf-8"))
        #expect(!OpenAPIExchangeCheck.isEventStream("text/event-streams"))
    }

    /// An exact media type wins whatever its case and parameters; else `type/*`; else `*/*`.
    @Test func mediaTypeSelection() throws {
        let (validator, spec) = try validator()
        let file = try #require(spec.operation("get", "/files/{file_id}/content"))
        func keywords(_ contentType: String, _ body: String) -> [String] {
            validator.validate(
                file, status: 200, headers: [(name: "content-type", value: contentType)], body: Data(body.utf8)
            ).map { "\($0.path) \($0.keyword)" }
        }
        #expect(keywords("APPLICATION/Json; charset=utf-8", #"{"id": "a"}"#).isEmpty)
        #expect(keywords("application/json", #"{}"#) == ["$.id required"])
        // `image/png` falls under `image/*`, which declares no JSON schema: only the type is checked.
        #expect(keywords("Image/PNG", "not json").isEmpty)
        #expect(keywords("text/html", "<p>") == ["header Content-Type content"])
        let any = try #require(spec.operation("get", "/any"))
        func anyKeywords(_ contentType: String, _ body: String) -> [String] {
            validator.validate(
                any, status: 200, headers: [(name: "Content-Type", value: contentType)], body: Data(body.utf8)
            ).map { "\($0.path) \($0.keyword)" }
        }
        #expect(anyKeywords("application/vnd.api+json", "[]").isEmpty)
        #expect(anyKeywords("text/plain", #"{"a": 1}"#).isEmpty)
        #expect(anyKeywords("text/plain", "[]") == ["$ type"])
    }

    /// Paths are matched past the server's base path, with empty segments and the query left out,
    /// and a parameter's value is percent-decoded.
    @Test func pathMatching() throws {
        let (_, spec) = try validator()
        let matcher = OpenAPIOperationMatcher(spec: spec)
        let found = try #require(matcher.match(method: "get", path: "//v1/files//a%20b/content/?x=/1"))
        #expect(found.operation.path == "/files/{file_id}/content")
        #expect(found.pathParameters == ["file_id": "a b"])
        #expect(matcher.operation(method: "GET", path: "/v1/files/f/content")?.path == "/files/{file_id}/content")
        #expect(matcher.operation(method: "GET", path: "/v1/files/f") == nil)
        #expect(matcher.operation(method: "GET", path: "/v2/files/f/content") == nil)
        #expect(matcher.operation(method: "GET", path: "/files/f/content")?.path == "/files/{file_id}/content")
        #expect(matcher.operation(method: "GET", path: "/v1/any?q")?.path == "/any")
    }
}
