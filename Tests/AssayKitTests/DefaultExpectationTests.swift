import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// A step that expects nothing expects a 2xx: a 405 fails it, `"status": "any"` opts out, and
/// lint warns about every such step.
@Suite("The default expectation")
struct DefaultExpectationTests {
    static let suite = """
        {"name": "defaults", "cases": [
          {"name": "bare", "request": {"path": "/x"}},
          {"name": "empty", "request": {"path": "/x"}, "expect": {}},
          {"name": "anything", "request": {"path": "/x"}, "expect": {"status": "any"}},
          {"name": "says 405", "request": {"path": "/x"}, "expect": {"status": 405}},
          {"name": "asserts only", "request": {"path": "/x"}, "expect": {"asserts": [{"query": "body", "contains": "no"}]}}
        ]}
        """

    func run(status: Int) throws -> [String: CaseResult] {
        let server = try LoopbackServer(script: [
            .serve { _ in LoopbackServer.response(status: status, reason: "Whatever", body: "no") }
        ])
        let folder = try TemporaryDirectory()
        let file = try folder.write(Self.suite, to: "defaults.jsonc")
        let plan = try Planner(target: server.baseURL, environment: [:]).plan(try SuiteLoader.loadAll([file]))
        let context = RunContext(
            target: server.baseURL, mode: .strict, goldens: GoldenStore(root: folder.url), environment: [:])
        let result = Runner(plan: plan, context: context).run(observers: [])
        return Dictionary(uniqueKeysWithValues: result.suites.flatMap(\.cases).map { ($0.name, $0) })
    }

    @Test func aStepWithoutExpectationsFailsOnA405() throws {
        let cases = try run(status: 405)
        #expect(cases["bare"]?.verdict == .failed)
        #expect(cases["empty"]?.verdict == .failed)
        let check = try #require(cases["bare"]?.steps.first?.checks.first { !$0.passed })
        #expect(check.message == "status: expected 2xx, got 405 Whatever")
        #expect(check.location?.line == 2, "the failure points at the step")
        #expect(cases["anything"]?.verdict == .passed)
        #expect(cases["says 405"]?.verdict == .passed)
        #expect(cases["asserts only"]?.verdict == .passed, "any expectation replaces the default")
    }

    /// An `expect` with one mode's block checks nothing in the other mode, and there expects a
    /// 2xx: a 500 that only the strict block allows does not pass a permissive run.
    @Test func aModeBlockAloneLeavesTheOtherModeTheDefault() throws {
        let server = try LoopbackServer(script: [
            .serve { _ in LoopbackServer.response(status: 500, reason: "Broken", body: "{}") }
        ])
        let folder = try TemporaryDirectory()
        let file = try folder.write(
            #"{"name": "m", "cases": [{"name": "c", "request": {"path": "/x"}, "expect": {"strict": {"status": 500}}}]}"#,
            to: "m.jsonc")
        var verdicts: [PolicyMode: Verdict] = [:]
        var messages: [String] = []
        for mode in [PolicyMode.strict, .permissive] {
            let plan = try Planner(target: server.baseURL, environment: [:]).plan(try SuiteLoader.loadAll([file]))
            let context = RunContext(
                target: server.baseURL, mode: mode, goldens: GoldenStore(root: folder.url), environment: [:])
            let step = try #require(Runner(plan: plan, context: context).run(observers: []).suites.first?.cases.first)
            verdicts[mode] = step.verdict
            messages += step.steps.flatMap(\.checks).filter { !$0.passed }.map(\.message)
        }
        #expect(verdicts == [.strict: .passed, .permissive: .failed])
        #expect(messages == ["status: expected 2xx, got 500 Broken"])
    }

    @Test func aStepWithoutExpectationsPassesOnA200() throws {
        let cases = try run(status: 200)
        #expect(cases["bare"]?.verdict == .passed)
        #expect(cases["empty"]?.verdict == .passed)
        #expect(cases["anything"]?.verdict == .passed)
        #expect(cases["says 405"]?.verdict == .failed)
    }

    @Test func lintWarnsAboutEachStepThatExpectsNothing() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write(Self.suite, to: "defaults.jsonc")
        var linter = SuiteLinter(goldens: GoldenStore(root: folder.url))
        _ = try Planner(target: "http://127.0.0.1", environment: [:]).plan(files: [file]) { linter.lint($0) }
        #expect(linter.warnings.count == 2)
        #expect(linter.warnings.map { $0.location?.line } == [2, 3])
        #expect(
            linter.warnings.first?.message.contains("step `bare` has no expectation, so it expects a 2xx status")
                == true)
    }
}
