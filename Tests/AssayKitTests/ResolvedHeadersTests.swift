import Foundation
import Testing

@testable import AssayKit

/// Default headers resolved once per suite give every request exactly the headers resolving them
/// per request would, and are not used where a capture changed a variable they read.
@Suite("Resolved default headers")
struct ResolvedHeadersTests {
    private let location = SourceLocation(file: "s.jsonc", line: 1, column: 1)

    private func defaults(_ headers: [(String, String)]) -> SuiteDefaults {
        var defaults = SuiteDefaults()
        defaults.headers = headers.map { HeaderTemplate(name: $0.0, value: $0.1, location: location) }
        return defaults
    }

    private func request(headers: [(String, String)] = []) -> RequestTemplate {
        RequestTemplate(
            method: "GET", url: "/v1/models", query: [],
            headers: headers.map { HeaderTemplate(name: $0.0, value: $0.1, location: location) }, body: .none,
            connectTimeoutMs: nil, totalTimeoutMs: nil, location: location)
    }

    private func scope(_ values: [String: String], environment: [String: String] = ["TOKEN": "env-secret"])
        -> VariableScope
    {
        var scope = VariableScope(environment: environment)
        for (name, value) in values.sorted(by: { $0.key < $1.key }) { scope.set(name, to: value) }
        return scope
    }

    /// Built with the resolved defaults and without them, for the same scope.
    private func bothWays(
        _ defaults: SuiteDefaults, _ template: RequestTemplate, planned: VariableScope, at: VariableScope
    )
        throws -> (cached: [HTTPHeader], fresh: [HTTPHeader], reused: Bool)
    {
        let resolved = ResolvedHeaders(defaults.headers, scope: planned)
        let cached = try RequestBuilder(target: "http://127.0.0.1:1", defaults: defaults, resolvedDefaults: resolved)
            .build(template, scope: at).headers.fields
        let fresh = try RequestBuilder(target: "http://127.0.0.1:1", defaults: defaults).build(template, scope: at)
            .headers.fields
        return (cached, fresh, resolved?.hold(in: at) == true)
    }

    @Test func sameHeadersAsResolvingEachTime() throws {
        let suiteDefaults = defaults([
            ("Authorization", "Bearer ${token}"), ("X-Env", "${env:TOKEN}"), ("X-Plain", "p"),
            ("x-plain", "again"), ("X-Gone", "g"), ("X-Gone", HeaderTemplate.removed), ("X-Literal", "$${token}"),
        ])
        let planned = scope(["token": "abc"])
        for template in [
            request(), request(headers: [("authorization", "Bearer other")]),
            request(headers: [("X-Plain", HeaderTemplate.removed), ("X-New", "${token}-n")]),
        ] {
            let result = try bothWays(suiteDefaults, template, planned: planned, at: planned)
            #expect(result.reused)
            #expect(result.cached == result.fresh)
        }
        let plain = try bothWays(suiteDefaults, request(), planned: planned, at: planned).cached
        #expect(
            plain.map { "\($0.name): \($0.value)" } == [
                "Authorization: Bearer abc", "X-Env: env-secret", "x-plain: again", "X-Literal: ${token}",
            ])
    }

    /// A capture that changes a variable a default header reads makes the request resolve it again.
    @Test func changedVariableIsResolvedAgain() throws {
        let suiteDefaults = defaults([("Authorization", "Bearer ${token}")])
        let planned = scope(["token": "abc", "other": "1"])
        var captured = planned
        captured.set("token", to: "captured")
        let result = try bothWays(suiteDefaults, request(), planned: planned, at: captured)
        #expect(!result.reused)
        #expect(result.cached == [HTTPHeader(name: "Authorization", value: "Bearer captured")])
        #expect(result.cached == result.fresh)
        // A capture of a variable the headers do not read keeps them.
        var unrelated = planned
        unrelated.set("other", to: "2")
        #expect(try bothWays(suiteDefaults, request(), planned: planned, at: unrelated).reused)
        // So does a changed environment value only when the headers read it.
        let moved = scope(["token": "abc"], environment: ["TOKEN": "rotated"])
        let env = try bothWays(defaults([("X-Env", "${env:TOKEN}")]), request(), planned: planned, at: moved)
        #expect(!env.reused && env.cached == [HTTPHeader(name: "X-Env", value: "rotated")])
    }

    /// `${uuid}` is new in every request, and a header that cannot be resolved is reported by the
    /// request: neither is resolved ahead.
    @Test func headersThatMustBeResolvedPerRequest() throws {
        #expect(ResolvedHeaders(defaults([("X-Id", "${uuid}")]).headers, scope: scope([:])) == nil)
        #expect(ResolvedHeaders(defaults([("X-Id", "${uuid}")]).headers, scope: scope(["uuid": "fixed"])) == nil)
        #expect(ResolvedHeaders(defaults([("X-A", "${missing}")]).headers, scope: scope([:])) == nil)
        #expect(ResolvedHeaders(defaults([("X-A", "${env:MISSING}")]).headers, scope: scope([:])) == nil)
        let builder = RequestBuilder(
            target: "http://127.0.0.1:1", defaults: defaults([("X-Id", "${uuid}")]),
            resolvedDefaults: ResolvedHeaders(defaults([("X-Id", "${uuid}")]).headers, scope: scope([:])))
        let first = try builder.build(request(), scope: scope([:])).headers.first("X-Id")
        let second = try builder.build(request(), scope: scope([:])).headers.first("X-Id")
        #expect(first != nil && first != second)
    }
}
