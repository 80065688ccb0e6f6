import Testing

@testable import AssayKit

@Suite("Variables and planning")
struct VariableScopeTests {
    /// Variables, the environment, built-ins and the `$${` escape all resolve; env values are secret.
    @Test func resolvesReferences() throws {
        var scope = VariableScope(environment: ["TOKEN": "s3cr3t"])
        scope.set("model", to: "m1")
        try scope.define("auth", template: "Bearer ${env:TOKEN}", secret: false, at: nil)
        #expect(try scope.resolve("/v1/models/${model}", at: nil) == "/v1/models/m1")
        #expect(try scope.resolve("$${model}", at: nil) == "${model}")
        #expect(scope.secretNames.contains("auth"))
        #expect(scope.secretValues.contains("Bearer s3cr3t"))
        let uuid = try scope.resolve("${uuid}", at: nil)
        let other = try scope.resolve("${uuid}", at: nil)
        #expect(uuid.count == 36 && uuid != other)
    }

    /// An undefined variable or environment variable is an error with a suggestion.
    @Test func undefinedReferencesFail() {
        var scope = VariableScope(environment: [:])
        scope.set("model", to: "m1")
        #expect(throws: Diagnostic.self) { try scope.resolve("${modle}", at: nil) }
        do {
            _ = try scope.resolve("${modle}", at: nil)
        } catch {
            #expect(error.hint == "did you mean `${model}`?")
        }
        #expect(throws: Diagnostic.self) { try scope.resolve("${env:NOPE_NOT_SET}", at: nil) }
    }

    func plan(
        _ text: String, variables: [(name: String, value: String, secret: Bool)] = [],
        environment: [String: String] = [:]
    )
        throws -> RunPlan
    {
        let suite = try SuiteDecoder.decode(JSONParser.parseNode(text, file: "p.jsonc"), file: "p.jsonc")
        var planner = Planner(target: "http://127.0.0.1:9", environment: environment)
        planner.commandLineVariables = variables
        return try planner.plan([suite])
    }

    /// Command-line variables win over suite defaults, and suite templates see the override.
    @Test func precedence() throws {
        let plan = try plan(
            #"{"variables": {"token": "default", "auth": "Bearer ${token}"}, "cases": []}"#,
            variables: [("token", "cli", false)])
        #expect(plan.suites[0].scope.values["auth"] == "Bearer cli")
    }

    /// A case that uses a variable nobody defines fails planning, but a capture from an earlier step counts.
    @Test func staticReferenceCheck() throws {
        let good =
            #"{"cases": [{"name": "c", "steps": [{"request": {"path": "/"}, "capture": {"id": "/id"}}, {"request": {"path": "/${id}"}}]}]}"#
        #expect(try plan(good).caseCount == 1)
        let bad =
            #"{"cases": [{"name": "c", "steps": [{"request": {"path": "/${id}"}}, {"request": {"path": "/"}, "capture": {"id": "/id"}}]}]}"#
        #expect(throws: DiagnosticList.self) { try plan(bad) }
    }

    /// Secrets from the environment and from `--secret` reach the plan's redactor.
    @Test func secretsReachTheRedactor() throws {
        let plan = try plan(
            #"{"variables": {"a": "${env:API_TOKEN}"}, "cases": []}"#, variables: [("b", "cli-secret", true)],
            environment: ["API_TOKEN": "env-secret"])
        #expect(plan.redactor.redact("env-secret and cli-secret") == "*** and ***")
    }
}

@Suite("Sharding")
struct ShardTests {
    /// The shards partition the cases: their union is everything, with no case twice, and sizes differ by at most one.
    @Test func shardsPartitionTheRun() throws {
        let cases = (1...37).map { #"{"name": "case \#($0)", "request": {"path": "/"}}"# }.joined(separator: ",")
        let suite = try SuiteDecoder.decode(
            JSONParser.parseNode(#"{"cases": [\#(cases)]}"#, file: "s.jsonc"), file: "s.jsonc")
        let full = try Planner(target: "http://127.0.0.1:9", environment: [:]).plan([suite])
        var seen: [String] = []
        var sizes: [Int] = []
        for index in 1...4 {
            var planner = Planner(target: "http://127.0.0.1:9", environment: [:])
            planner.shard = Shard(index: index, count: 4)
            let part = try planner.plan([suite])
            sizes.append(part.caseCount)
            seen += part.suites.flatMap { $0.cases.map(\.name) }
        }
        #expect(seen.count == 37)
        #expect(Set(seen) == Set(full.suites[0].cases.map(\.name)))
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
        #expect(Shard("2/4") == Shard(index: 2, count: 4))
        #expect(Shard("5/4") == nil && Shard("0/3") == nil && Shard("x") == nil)
    }

    /// A suite that shares one cookie jar is dealt whole: its cases need the cookies of the cases
    /// before them (log in, then use the session), so no shard runs a part of it.
    @Test func aSuiteSharingOneJarStaysInOneShard() throws {
        func suite(_ name: String, jar: String, cases: Int) throws -> Suite {
            let list = (1...cases).map { #"{"name": "step \#($0)", "request": {"path": "/"}}"# }.joined(separator: ",")
            return try SuiteDecoder.decode(
                JSONParser.parseNode(
                    #"{"name": "\#(name)", "cookieJar": "\#(jar)", "cases": [\#(list)]}"#, file: "s.jsonc"),
                file: "s.jsonc")
        }
        let suites = [try suite("session", jar: "suite", cases: 8), try suite("plain", jar: "case", cases: 9)]
        var holders: [Int] = []
        var seen: [String] = []
        for index in 1...3 {
            var planner = Planner(target: "http://127.0.0.1:9", environment: [:])
            planner.shard = Shard(index: index, count: 3)
            let part = try planner.plan(suites)
            let session = part.suites.first { $0.suite.name == "session" }?.cases.map(\.name) ?? []
            if !session.isEmpty { holders.append(index) }
            #expect(session.isEmpty || session == (1...8).map { "step \($0)" }, "shard \(index): \(session)")
            seen += part.suites.flatMap { planned in planned.cases.map { "\(planned.suite.name)/\($0.name)" } }
        }
        #expect(holders.count == 1)
        #expect(seen.count == 17 && Set(seen).count == 17)
    }
}

@Suite("Redaction and small checks")
struct RedactorTests {
    /// Sensitive headers keep only their scheme; secrets are masked wherever they appear.
    @Test func redactsHeadersAndSecrets() {
        let redactor = Redactor(secrets: ["abc123", "abcd"])
        #expect(redactor.redact("token=abc123; x=abcd") == "token=***; x=***")
        #expect(redactor.redactHeader(name: "Authorization", value: "Bearer abc123") == "Bearer ***")
        #expect(redactor.redactHeader(name: "X-Api-Key", value: "anything") == "***")
        #expect(redactor.redactHeader(name: "Cookie", value: "a=b; c=d") == "***")
        #expect(redactor.redactHeader(name: "X-Other", value: "abc123") == "***")
        #expect(redactor.redactHeader(name: "X-Other", value: "visible") == "visible")
    }

    /// Status patterns accept exact codes and classes, and nothing else.
    @Test func statusPatterns() {
        let expectation = StatusExpectation(patterns: [.code(201), .statusClass(4)])
        #expect(expectation.accepts(201) && expectation.accepts(404) && expectation.accepts(499))
        #expect(!expectation.accepts(200) && !expectation.accepts(500))
        #expect(expectation.description == "one of 201, 4xx")
    }

    /// Media types compare without parameters unless the expectation gives some.
    @Test func mediaTypes() {
        #expect(MediaType.matches(expected: "application/json", actual: "Application/JSON; charset=utf-8"))
        #expect(!MediaType.matches(expected: "application/json", actual: "text/event-stream"))
        #expect(MediaType.matches(expected: "text/plain; charset=utf-8", actual: "text/plain;charset=UTF-8"))
        #expect(!MediaType.matches(expected: "text/plain; charset=utf-8", actual: "text/plain"))
    }

    /// Durations accept milliseconds and unit suffixes, and refuse anything else.
    @Test func durations() {
        #expect(DurationText.milliseconds("250") == 250)
        #expect(DurationText.milliseconds("250ms") == 250)
        #expect(DurationText.milliseconds("1.5s") == 1500)
        #expect(DurationText.milliseconds("2m") == 120_000)
        #expect(DurationText.milliseconds("soon") == nil)
        #expect(DurationText.milliseconds("-1s") == nil)
        // The command line reads a bare number as curl does: seconds.
        #expect(DurationText.reading("2", bareUnit: .seconds) == .milliseconds(2000))
        #expect(DurationText.reading("2ms", bareUnit: .seconds) == .milliseconds(2))
    }
}

@Suite("Header checks never quote a secret")
struct HeaderCheckRedactionTests {
    /// A failing header check that would quote an echoed token, or a sensitive header, masks both.
    @Test func failingHeaderMessagesAreRedacted() {
        let redactor = Redactor(secrets: ["sk-secret-123"])
        let headers: HTTPHeaders = ["X-Echo": "token sk-secret-123", "Set-Cookie": "session=abc"]
        let echo = ResponseChecker.checkHeader(
            HeaderExpectation(name: "X-Echo", rule: .equals("other")), in: headers, redactor: redactor)
        #expect(!echo.passed)
        #expect(echo.message == #"header X-Echo: expected "other", got "token ***""#)
        let cookie = ResponseChecker.checkHeader(
            HeaderExpectation(name: "Set-Cookie", rule: .absent), in: headers, redactor: redactor)
        #expect(!cookie.passed)
        #expect(!cookie.message.contains("abc"))
        let expected = ResponseChecker.checkHeader(
            HeaderExpectation(name: "X-Echo", rule: .equals("sk-secret-123")), in: ["X-Echo": "nope"],
            redactor: redactor)
        #expect(expected.message == #"header X-Echo: expected "***", got "nope""#)
    }
}
