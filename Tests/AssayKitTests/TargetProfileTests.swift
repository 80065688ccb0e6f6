import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// Target profiles: a config file per server, whose JSON-valued variables become whole requests in
/// the suites, whose claims skip what the server does not promise, and whose mistakes are reported
/// where the profile wrote them.
@Suite struct TargetProfileTests {
    /// A suite whose 500 case takes its whole request from the profile, plus a case of another clause.
    static let suite = """
        { "name": "pack",
          "cases": [
            { "name": "on a 500", "tags": ["clause:trace", "trace-500"], "request": "${failRequest}", "expect": { "status": "5xx" } },
            { "name": "burst", "tags": ["clause:rate-limit"], "request": { "path": "/v1/models",
              "headers": { "Authorization": "Bearer ${rateLimitToken}" } } }
          ] }
        """

    /// Writes `profile` and the suite, loads the profile and plans the suite with it.
    static func plan(
        _ profile: String, environment: [String: String] = [:], offline: Bool = false, retained: Int = 2_000
    ) throws -> (Result<RunPlan, DiagnosticList>, ConfigFile, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        _ = try directory.write(suite, to: "suites/pack.jsonc")
        let file = try directory.write(profile, to: "profiles/target.jsonc")
        let config = try ConfigFile.load(path: file)
        var planner = Planner(target: "http://127.0.0.1:1", environment: environment)
        planner.configVariables = config.variables
        planner.claims = config.claims
        planner.requiresEnvironment = !offline
        planner.retainedCaseBudget = retained
        let files = try SuiteLoader.discover(config.suites)
        return (Result { () throws(DiagnosticList) in try planner.plan(files: files) }, config, directory)
    }

    /// The profile's request is spliced whole: method, path, headers and body, variables still resolved later.
    @Test func jsonValuedVariableIsSplicedAsARequest() throws {
        let (result, config, _) = try Self.plan(
            """
            { "suites": ["../suites"], "claims": { "trace": true, "rate-limit": "no limit" },
              "variables": { "model": "m-1",
                "failRequest": { "method": "POST", "path": "/v1/embeddings", "headers": { "X-Probe": "1" },
                                 "body": { "model": "${model}", "dimensions": 0 } } } }
            """)
        #expect(config.suites.first?.hasSuffix("/suites") == true)
        #expect(config.suites.first?.contains("profiles") == false)
        let plan = try result.get()
        let request = try #require(plan.suites.first?.cases.first?.steps.first?.request)
        #expect(request.method == "POST")
        #expect(request.url == "/v1/embeddings")
        #expect(request.headers.contains { $0.name == "X-Probe" && $0.value == "1" })
        guard case .json(let body) = request.body, case .object(let members) = body else {
            Issue.record("expected a JSON object body")
            return
        }
        #expect(members["model"] == .string("${model}"))
        #expect(members["dimensions"] == .number(JSONNumber(0)))
    }

    /// A mistake inside a spliced request is reported at the profile's line, not the suite's.
    @Test func spliceErrorPointsIntoTheProfile() throws {
        let (result, _, _) = try Self.plan(
            """
            { "suites": ["../suites"],
              "variables": {
                "failRequest": { "metod": "POST", "path": "/v1/embeddings" } } }
            """)
        guard case .failure(let problems) = result else {
            Issue.record("a misspelt request key must stop the plan")
            return
        }
        let problem = try #require(problems.diagnostics.first)
        #expect(problem.message.contains("unknown key `metod`"))
        #expect(problem.location?.file.hasSuffix("profiles/target.jsonc") == true)
        #expect(problem.location?.line == 3)
    }

    /// An unclaimed clause is skipped with the profile's reason, and needs none of its variables:
    /// its token's environment variable may be unset.
    @Test func unclaimedClauseIsSkippedAndNeedsNoEnvironment() throws {
        let (result, _, _) = try Self.plan(
            """
            { "name": "tiny", "suites": ["../suites"], "claims": { "trace": true, "rate-limit": "no rate limit at all" },
              "variables": { "failRequest": { "path": "/fail" }, "rateLimitToken": "${env:NOT_SET_ANYWHERE_17}" } }
            """)
        let plan = try result.get()
        let burst = try #require(plan.suites.first?.cases.last)
        #expect(burst.skip == "not claimed by profile tiny (`rate-limit`): no rate limit at all")
        #expect(plan.suites.first?.cases.first?.skip == nil)
    }

    /// A suite streamed from its file (a large run) is reloaded with the same splices and claims.
    @Test func reloadKeepsSplicesAndClaims() throws {
        let (result, _, directory) = try Self.plan(
            """
            { "name": "tiny", "suites": ["../suites"], "claims": { "trace": true, "rate-limit": "none" },
              "variables": { "failRequest": { "method": "POST", "path": "/fail" } } }
            """, retained: 0)
        let planned = try #require(try result.get().suites.first)
        #expect(planned.isStreamed)
        let cases = try Planner.reload(planned)
        #expect(cases.first?.steps.first?.request.method == "POST")
        #expect(cases.last?.skip == "not claimed by profile tiny (`rate-limit`): none")
        _ = directory
    }

    /// Once `claims` is written, a clause it does not list is not claimed; a finer tag may be listed too.
    @Test func unlistedClauseAndFinerTag() throws {
        let (result, _, _) = try Self.plan(
            """
            { "name": "p", "suites": ["../suites"], "claims": { "clause:rate-limit": true, "trace-500": false },
              "variables": { "failRequest": { "path": "/fail" }, "rateLimitToken": "sk-rate-0000000" } }
            """)
        let cases = try #require(try result.get().suites.first?.cases)
        #expect(cases[0].skip == "not claimed by profile p (`trace-500`): not claimed")
        #expect(cases[1].skip == nil)
    }

    /// A claimed case that uses a variable whose environment variable is unset stops the run, naming
    /// both; lint (offline) reports the same thing as a warning instead.
    @Test func environmentIsNeededOnlyByCasesThatUseIt() throws {
        let profile = """
            { "suites": ["../suites"], "claims": { "trace": true, "rate-limit": true },
              "variables": { "failRequest": { "path": "/fail" }, "rateLimitToken": "${env:NOT_SET_ANYWHERE_17}" } }
            """
        let (result, _, _) = try Self.plan(profile)
        guard case .failure(let problems) = result else {
            Issue.record("an unset token a selected case uses must stop the run")
            return
        }
        #expect(
            problems.diagnostics.map(\.message) == [
                "environment variable `NOT_SET_ANYWHERE_17` is not set (variable `rateLimitToken` reads it); case \"burst\" uses `${rateLimitToken}`"
            ])
        #expect(problems.diagnostics.first?.location?.line == 2)
        let (offline, _, _) = try Self.plan(profile, offline: true)
        #expect(try offline.get().missingEnvironment.count == 1)
        let (set, _, _) = try Self.plan(profile, environment: ["NOT_SET_ANYWHERE_17": "sk-rate-0000000"])
        #expect(try set.get().missingEnvironment.isEmpty)
    }

    /// Bad claims are positioned errors: a wrong value, and a key that names no clause or tag (with a suggestion).
    @Test func badClaimsArePositioned() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(
            """
            { "suites": ["../suites"],
              "claims": { "trace": 5 } }
            """, to: "p.jsonc")
        do {
            _ = try ConfigFile.load(path: file)
            Issue.record("a numeric claim must be refused")
        } catch {
            #expect(error.message.hasPrefix("expected claim `trace` to be true, false or a non-empty reason"))
            #expect(error.location?.line == 2)
        }
        let (unknown, _, _) = try Self.plan(
            """
            { "suites": ["../suites"], "variables": { "failRequest": { "path": "/fail" }, "rateLimitToken": "x" },
              "claims": { "trace": true, "rate-limt": true } }
            """)
        guard case .failure(let problems) = unknown else {
            Issue.record("a claim that names nothing must be refused")
            return
        }
        let problem = try #require(problems.diagnostics.first)
        #expect(
            problem.message
                == "`claims` names `rate-limt`, which is neither a clause nor a tag of any case in the suites")
        #expect(problem.hint == "did you mean `rate-limit`?")
        #expect(problem.location?.line == 2)
    }

    /// A claimed case whose whole request the profile does not define is refused at the suite's
    /// `"${name}"`; the same profile is fine once the clause is unclaimed.
    @Test func missingRequestVariableMattersOnlyWhenClaimed() throws {
        let (claimed, _, _) = try Self.plan(
            #"{ "suites": ["../suites"], "claims": { "trace": true, "rate-limit": "none" } }"#)
        guard case .failure(let problems) = claimed else {
            Issue.record("an undefined whole request must stop a run that claims its case")
            return
        }
        #expect(problems.diagnostics.first?.message == "undefined variable `${failRequest}` in case \"on a 500\"")
        #expect(problems.diagnostics.first?.location?.line == 3)
        let (unclaimed, _, _) = try Self.plan(
            #"{ "suites": ["../suites"], "claims": { "trace": "no traces", "rate-limit": "none" } }"#)
        #expect(throws: Never.self) { try unclaimed.get() }
    }

    /// A suite whose every case is unclaimed resolves nothing, not even its `trace` block: a profile
    /// with `"trace": "none"` need not name a trace header.
    @Test func unclaimedSuiteNeedsNoTraceHeader() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(
            """
            { "name": "trace", "tags": ["clause:trace"], "trace": { "headers": "${traceHeader}" },
              "cases": [{ "name": "on a 200", "request": { "path": "/v1/models" } }] }
            """, to: "suites/trace.jsonc")
        let file = try directory.write(#"{ "suites": ["../suites"], "trace": "none" }"#, to: "profiles/p.jsonc")
        let config = try ConfigFile.load(path: file)
        var planner = Planner(target: "http://127.0.0.1:1", environment: [:])
        planner.configVariables = config.variables
        planner.claims = config.claims
        let plan = try planner.plan(files: try SuiteLoader.discover(config.suites))
        #expect(plan.suites.first?.suite.trace == nil)
        #expect(plan.suites.first?.cases.first?.skip?.contains("sends no trace id") == true)
    }

    /// `"trace": "none"` skips the trace clause and leaves every other clause claimed.
    @Test func traceNoneSkipsTheTraceClauseOnly() throws {
        let (result, config, _) = try Self.plan(
            """
            { "name": "quiet", "suites": ["../suites"], "trace": "none",
              "variables": { "rateLimitToken": "sk-rate-0000000" } }
            """)
        #expect(config.trace == nil)
        let cases = try #require(try result.get().suites.first?.cases)
        #expect(cases[0].skip == "not claimed by profile quiet (`trace`): the target sends no trace id (`trace: none`)")
        #expect(cases[1].skip == nil)
    }

    /// `extends` builds on another config: paths stay the base's own, variables and claims merge by name.
    @Test func extendsMergesByName() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(
            """
            { "name": "base", "suites": ["suites"], "goldens": "g",
              "claims": { "trace": true, "rate-limit": true },
              "variables": { "model": "a", "token": "t" } }
            """, to: "pack/base.jsonc")
        let file = try directory.write(
            """
            { "extends": "../pack/base.jsonc", "name": "mine",
              "claims": { "rate-limit": "none here" }, "variables": { "model": "b" } }
            """, to: "mine/profile.jsonc")
        let config = try ConfigFile.load(path: file)
        #expect(config.name == "mine")
        #expect(config.suites == [directory.url.path + "/pack/suites"])
        #expect(config.goldens == directory.url.path + "/pack/g")
        #expect(config.variables.map { "\($0.name)=\($0.value)" }.sorted() == ["model=b", "token=t"])
        #expect(
            config.claims?.entries.map { "\($0.key):\($0.reason ?? "yes")" }.sorted() == [
                "rate-limit:none here", "trace:yes",
            ])
        #expect(config.claims?.profile == "mine")
    }

    /// An `extends` loop, or a base that does not exist, is refused where `extends` is written.
    @Test func extendsLoopsAndMissingBasesAreRefused() throws {
        let directory = try TemporaryDirectory()
        let first = try directory.write(#"{ "extends": "b.jsonc" }"#, to: "a.jsonc")
        _ = try directory.write(#"{ "extends": "a.jsonc" }"#, to: "b.jsonc")
        #expect(throws: Diagnostic.self) { try ConfigFile.load(path: first) }
        do {
            _ = try ConfigFile.load(path: first)
        } catch {
            #expect(error.message.contains("`extends` makes a loop"))
        }
        let lonely = try directory.write(#"{ "extends": "nowhere.jsonc" }"#, to: "c.jsonc")
        do {
            _ = try ConfigFile.load(path: lonely)
            Issue.record("a missing base must be refused")
        } catch {
            #expect(error.message.hasPrefix("`extends` names no such config file"))
            #expect(error.location?.line == 1)
        }
    }

    /// A JSON-valued variable that refers to itself is an error, not a hang.
    @Test func selfReferenceIsRefused() throws {
        let node = try JSONParser.parseNode(#"{ "a": ["${loop}"] }"#, file: "p.jsonc")
        let splices = JSONSplices([
            VariableDefinition(name: "loop", value: "", secret: false, location: nil, node: node)
        ])
        #expect(throws: Diagnostic.self) {
            try splices.splice(JSONNode(location: node.location, kind: .string("${loop}")))
        }
        // Only a whole-string reference is spliced; text around it leaves the string alone.
        let kept = try splices.splice(JSONNode(location: node.location, kind: .string("x ${loop}")))
        #expect(kept.value == .string("x ${loop}"))
    }

    /// The config-folder rule keeps reports readable: `a/b/../c` is `a/c`.
    @Test func pathsAreNormalized() {
        #expect(ConfigFile.resolve("..", against: "Suites/openai-compat/profiles") == "Suites/openai-compat")
        #expect(ConfigFile.resolve("../../../Goldens", against: "Suites/openai-compat/profiles") == "Goldens")
        #expect(ConfigFile.resolve("/abs", against: "x") == "/abs")
        #expect(ConfigFile.resolve("Suites", against: nil) == "Suites")
        #expect(ConfigFile.resolve("../x", against: "a") == "x")
        #expect(ConfigFile.resolve("../../x", against: "a") == "../x")
    }
}
