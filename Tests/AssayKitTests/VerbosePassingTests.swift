import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// `-vv` prints the bodies of passing cases: the run keeps them (`keepsPassingBodies`), and the
/// console's exchange text shows them; `-v` keeps and shows headers only.
@Suite("Verbose output of passing cases")
struct VerbosePassingTests {
    func run(keepsBodies: Bool) throws -> CaseResult {
        let server = try LoopbackServer(script: [
            .serve { _ in
                LoopbackServer.response(headers: [("Content-Type", "application/json")], body: #"{"marker":"body-1"}"#)
            }
        ])
        let folder = try TemporaryDirectory()
        let file = try folder.write(
            #"{"cases": [{"name": "ok", "request": {"path": "/"}, "expect": {"status": 200}}]}"#, to: "v.jsonc")
        let plan = try Planner(target: server.baseURL, environment: [:]).plan(try SuiteLoader.loadAll([file]))
        var context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder.url), environment: [:])
        context.keepsPassingDetails = true
        context.keepsPassingBodies = keepsBodies
        return try #require(Runner(plan: plan, context: context).run(observers: []).suites.first?.cases.first)
    }

    @Test func doubleVerboseShowsThePassingBody() throws {
        let result = try run(keepsBodies: true)
        #expect(result.verdict == .passed)
        let text = ExchangeText.render(result, includeBodies: true)
        #expect(text.contains(#"{"marker":"body-1"}"#), "\(text)")
        #expect(text.contains("Content-Type"))
    }

    @Test func singleVerboseShowsHeadersWithoutTheBody() throws {
        let result = try run(keepsBodies: false)
        let text = ExchangeText.render(result, includeBodies: false)
        #expect(text.contains("Content-Type"), "\(text)")
        #expect(!text.contains("body-1"))
    }
}
