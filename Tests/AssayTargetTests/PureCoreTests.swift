import AssayTargetKit
import Testing

@Suite struct PureCoreTests {
    /// Proves JSON output keeps key order and escapes control characters, quotes and backslashes.
    @Test func orderedJSON() {
        let json = OrderedJSON.object([
            ("z", .int(1)), ("a", .string("q\"\\\n\u{1}")), ("n", .null), ("f", .number(0.5)), ("b", .bool(false)),
            ("l", .array([])),
        ])
        #expect(json.serialized() == #"{"z":1,"a":"q\"\\\n\u0001","n":null,"f":0.500000,"b":false,"l":[]}"#)
    }

    /// Proves the engine is a pure function of the prompt and its deltas concatenate to the text.
    @Test func engineIsDeterministic() {
        let engine = CompletionEngine()
        let first = engine.answer("hello")
        #expect(first == engine.answer("hello"))
        #expect(first.deltas.joined() == first.text)
        #expect(first.text != engine.answer("goodbye!").text)
        let cut = engine.answer("hello", maxTokens: 3)
        #expect(cut.deltas == Array(first.deltas.prefix(3)) && cut.truncated && !first.truncated)
    }

    /// Proves chat messages and responses instructions+input map to the same prompt.
    @Test func promptsAlign() {
        let chat = Prompt.fromMessages([
            ["role": "system", "content": "S"], ["role": "user", "content": [["type": "text", "text": "U"]]],
        ])
        #expect(chat == "S\nU")
        #expect(Prompt.fromResponsesInput("U", instructions: "S") == chat)
        #expect(Prompt.fromMessages([["content": "no role"]]) == nil)
        #expect(Prompt.fromMessages([]) == nil)
    }

    /// Proves the router binds path parameters, reports allowed methods, and misses unknown paths.
    @Test func router() {
        let router = Router(routes: [
            Route("GET", "/v1/items/{id}", scope: nil) { _ in .full(HTTPResponse(status: 200)) },
            Route("DELETE", "/v1/items/{id}", scope: nil) { _ in .full(HTTPResponse(status: 200)) },
        ])
        guard case .found(let route, let parameters) = router.match(method: "GET", path: "/v1/items/a%20b") else {
            Issue.record("no match")
            return
        }
        #expect(route.key == "GET /v1/items/{id}")
        #expect(parameters["id"] == "a b")
        guard case .methodNotAllowed(let allowed, _) = router.match(method: "POST", path: "/v1/items/x") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == ["GET", "DELETE"])
        guard case .notFound = router.match(method: "GET", path: "/v1/items/") else {
            Issue.record("empty id must not match")
            return
        }
    }

    /// Proves the auth decision table for both modes without a server.
    @Test func authTable() {
        let grants = [
            TokenGrant(token: "full", scopes: Set(Scope.allCases)), TokenGrant(token: "ro", scopes: [.modelsRead]),
        ]
        let strict = Auth(tokens: grants, mode: .strict, faults: [])
        let permissive = Auth(tokens: grants, mode: .permissive, faults: [])
        func status(_ auth: Auth, _ header: String?, _ scope: Scope? = .chatWrite) -> Int {
            switch auth.authorize(header, scope: scope) {
            case .success: 200
            case .failure(let envelope): envelope.status
            }
        }
        #expect(status(strict, nil) == 401)
        #expect(status(strict, "Basic full") == 401)
        #expect(status(strict, "Bearer") == 401)
        #expect(status(strict, "Bearer nope") == 401)
        #expect(status(strict, "Bearer ro") == 403)
        #expect(status(strict, "bearer full") == 200)
        #expect(status(strict, "Bearer ro", nil) == 200)
        #expect(status(permissive, nil) == 200)
        #expect(status(permissive, "Bearer nope") == 401)
        #expect(status(permissive, "Bearer ro") == 403)
    }

    /// Proves search ranks by the share of query words matched, ties in document order.
    @Test func indexSearchRanking() {
        let documents = [
            IndexStore.Document(id: "a", text: "red fruit"), IndexStore.Document(id: "b", text: "Red apple!"),
            IndexStore.Document(id: "c", text: "blue"), IndexStore.Document(id: "d", text: "apple red pie"),
        ]
        let hits = IndexSearch.rank(query: "red apple", documents: documents)
        #expect(hits.map(\.document.id) == ["b", "d", "a"])
        #expect(hits.map(\.score) == [1, 1, 0.5])
    }

    /// Proves reset durations are rendered the OpenAI way.
    @Test func durationText() {
        #expect(RateLimiter.durationText(0.012) == "12ms")
        #expect(RateLimiter.durationText(3) == "3s")
        #expect(RateLimiter.durationText(65) == "1m5s")
    }
}
