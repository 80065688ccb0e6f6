import Testing

@testable import AssayKit

/// The suite's default headers are sent with every case, and `expect` headers repeated under
/// another spelling merge into one rule: both are decided once per suite or per block, and must
/// still say what they said when they were decided for every case.
@Suite("Default headers and repeated header rules")
struct PlanDefaultHeadersTests {
    static let suite = """
        {
          "variables": { "token": "${env:ASSAY_TEST_UNSET_TOKEN_41}" },
          "defaults": { "headers": { "Authorization": "Bearer ${token}" } },
          "cases": [
            { "name": "skipped first", "skip": true, "request": { "path": "/a" } },
            { "name": "sent second", "request": { "path": "/b" } },
            { "name": "sent third", "request": { "path": "/c" } }
          ]
        }
        """

    /// The unset token is reported once, naming the first case that would send it: a skipped
    /// case sends nothing, so it is not the one named.
    @Test func anUnsetDefaultHeaderNamesTheFirstCaseThatSendsIt() throws {
        let suite = try SuiteDecoder.decode(source: Self.suite, file: "defaults.jsonc")
        let planner = Planner(target: "http://127.0.0.1:9", environment: [:])
        do {
            _ = try planner.plan([suite])
            Issue.record("a default header that needs an unset environment variable must stop the run")
        } catch {
            #expect(
                error.diagnostics.map(\.message) == [
                    "environment variable `ASSAY_TEST_UNSET_TOKEN_41` is not set (variable `token` reads it); case \"sent second\" uses `${token}`"
                ])
        }
    }

    /// When every case is skipped, no case sends the header, so nothing needs the token.
    @Test func onlySkippedCasesNeedNothing() throws {
        let allSkipped = Self.suite.replacingOccurrences(
            of: "{ \"name\": \"sent", with: "{ \"skip\": true, \"name\": \"sent")
        let suite = try SuiteDecoder.decode(source: allSkipped, file: "defaults.jsonc")
        var planner = Planner(target: "http://127.0.0.1:9", environment: [:])
        planner.requiresEnvironment = false
        let plan = try planner.plan([suite])
        #expect(plan.caseCount == 3)
        #expect(plan.missingEnvironment.isEmpty)
        // The same suite with a case that sends: offline, the need is noted instead of thrown.
        let sending = try planner.plan([try SuiteDecoder.decode(source: Self.suite, file: "defaults.jsonc")])
        #expect(
            sending.missingEnvironment.map(\.message).last?.hasSuffix("case \"sent second\" uses `${token}`") == true)
    }

    /// Two rules for one header in one `expect` block (names differ only in case) are a suite
    /// error at the second: keeping only the later one dropped the first silently (a failing
    /// rule passed when a `{{any}}` rule for the same header followed it). A mode block's rules
    /// still replace the common ones by name.
    @Test func repeatedHeaderNamesInOneBlockAreAnError() throws {
        let text = """
            { "cases": [ { "name": "c", "request": { "path": "/" },
              "expect": { "headers": { "X-Trace": "one", "Content-Type": true, "x-trace": "two" } } } ] }
            """
        #expect(throws: Diagnostic.self) { try SuiteDecoder.decode(source: text, file: "headers.jsonc") }
        let blocks = """
            { "cases": [ { "name": "c", "request": { "path": "/" },
              "expect": { "headers": { "X-Trace": "one", "Content-Type": true },
                          "strict": { "headers": { "x-trace": "two" } } } } ] }
            """
        let suite = try SuiteDecoder.decode(source: blocks, file: "headers.jsonc")
        let rules = suite.cases[0].steps[0].expect.resolved(for: .strict).headers
        #expect(rules.map(\.name) == ["Content-Type", "x-trace"])
        guard case .equals(let value) = rules.last?.rule else {
            Issue.record("the mode block's rule must be kept as written: \(rules)")
            return
        }
        #expect(value == "two")
    }
}
