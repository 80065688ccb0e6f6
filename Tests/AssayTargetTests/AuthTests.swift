import AssayTestSupport
import Foundation
import Testing

@Suite struct AuthTests {
    /// Proves strict mode answers 401 for bad credentials as OpenAI does: `code: null` when no key
    /// was provided (missing, another scheme, empty), `invalid_api_key` only for a wrong key.
    @Test func strictRejectsBadCredentials() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let noKey: [[String: String]] = [
            [:], ["Authorization": "Basic \(Tokens.full)"], ["Authorization": "Bearer"],
            ["Authorization": "Bearer "], ["Authorization": Tokens.full],
        ]
        for headers in noKey {
            let response = try client.request("GET", "/v1/models", headers: headers)
            #expect(response.status == 401, "\(headers)")
            #expect(response.envelope?["code"] is NSNull, "\(headers)")
            #expect(response.envelope?["param"] is NSNull, "\(headers)")
            #expect(response.envelope?["type"] as? String == "invalid_request_error")
        }
        let wrong = try client.request("GET", "/v1/models", headers: ["Authorization": "Bearer sk-unknown"])
        #expect(wrong.status == 401)
        #expect(Fixtures.hasEnvelope(wrong, code: "invalid_api_key"))
        #expect(wrong.envelope?["type"] as? String == "invalid_request_error")
    }

    /// Proves a valid token without the route's scope gets 403 permission_error / insufficient_scope.
    @Test func missingScopeIs403() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let response = try client.request("GET", "/v1/models", token: Tokens.chat)
        #expect(response.status == 403)
        #expect(Fixtures.hasEnvelope(response, code: "insufficient_scope"))
        #expect(response.envelope?["type"] as? String == "permission_error")
        #expect(try client.request("GET", "/v1/models", token: Tokens.models).status == 200)
    }

    /// Proves auth runs before routing: an unknown /v1 path without credentials gets 401, not 404.
    @Test func authBeforeRouting() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        #expect(try client.request("GET", "/v1/unknown").status == 401)
        #expect(try client.request("GET", "/v1/unknown", token: Tokens.models).status == 404)
    }

    /// Proves permissive mode serves anonymous requests but still rejects presented invalid tokens.
    @Test func permissiveServesAnonymous() throws {
        let target = try Fixtures.start(["--mode", "permissive"])
        let client = try RawHTTPClient(port: target.port)
        #expect(try client.request("GET", "/v1/models").status == 200)
        let bad = try client.request("GET", "/v1/models", token: "sk-wrong")
        #expect(bad.status == 401)
        #expect(Fixtures.hasEnvelope(bad, code: "invalid_api_key"))
        #expect(try client.request("GET", "/v1/models", headers: ["Authorization": "Basic abc"]).status == 401)
        #expect(try client.request("GET", "/v1/models", token: Tokens.chat).status == 403)
    }

    /// Proves health endpoints need no credentials in strict mode.
    @Test func healthNeedsNoAuth() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        #expect(try client.request("GET", "/healthz").status == 200)
        #expect(try client.request("GET", "/readyz").status == 200)
    }
}
