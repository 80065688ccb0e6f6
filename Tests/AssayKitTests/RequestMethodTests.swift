import Foundation
import Testing

@testable import AssayKit

/// A request's method: checked and upper-cased when the suite is decoded, or, when it comes from a
/// variable, when the request is built.
@Suite("Request methods")
struct RequestMethodTests {
    private func suite(method: String) throws(Diagnostic) -> Suite {
        try SuiteDecoder.decode(
            source: #"{"cases": [{"name": "c", "request": {"method": "\#(method)", "path": "/v1/models"}}]}"#,
            file: "m.jsonc")
    }

    private func built(method: String, variables: [String: String] = [:]) throws -> HTTPRequest {
        let decoded = try suite(method: method)
        var scope = VariableScope(environment: [:])
        for (name, value) in variables { scope.set(name, to: value) }
        return try RequestBuilder(target: "http://127.0.0.1:1", defaults: decoded.defaults).build(
            decoded.cases[0].steps[0].request, scope: scope)
    }

    @Test func writtenMethodsAreCheckedWhenDecoded() throws {
        #expect(try built(method: "GET").method == "GET")
        #expect(try built(method: "patch").method == "PATCH")
        #expect(try built(method: "M-SEARCH").method == "M-SEARCH")
        for bad in ["pâtch", "GET /x", "", "P0ST"] {
            #expect(throws: Diagnostic.self, "\(bad)") { try suite(method: bad) }
        }
        do {
            _ = try suite(method: "pâtch")
        } catch {
            #expect(error.message == #"expected `method` to be an HTTP method such as "GET", found "PÂTCH""#)
            #expect(error.location.map { "\($0.line):\($0.column)" } == "1:48")
        }
    }

    @Test func methodsFromVariablesAreCheckedWhenBuilt() throws {
        #expect(try built(method: "${verb}", variables: ["verb": "delete"]).method == "DELETE")
        #expect(throws: Diagnostic.self) { try built(method: "${verb}", variables: ["verb": "not a method"]) }
        #expect(throws: Diagnostic.self) { try built(method: "${verb}", variables: ["verb": "pâtch"]) }
    }
}
