import Foundation

/// Builds a `RunPlan`: resolves variables in precedence order (command line, then config,
/// then suite defaults), selects cases, and checks statically that every `${variable}`
/// a case uses will be defined, so a typo fails before any request is sent.
public struct Planner: Sendable {
    /// Config-file variables (templates; may read `${env:…}`).
    public var configVariables: [VariableDefinition] = []
    /// `--var name=value` (and `--secret name=value`, with `secret` set), literal values.
    public var commandLineVariables: [(name: String, value: String, secret: Bool)] = []
    public var target: String
    public var filter = CaseFilter()
    /// A target profile's claims: cases about what the target does not claim are skipped, with the reason.
    public var claims: ClauseClaims?
    public var shard: Shard?
    public var environment: [String: String]
    /// False for offline commands: unset `${env:…}` variables read as empty instead of failing.
    public var requiresEnvironment = true
    /// How many selected cases `plan(files:)` keeps in memory from its validation pass. A run
    /// that selects more keeps none and streams every suite from its file, one at a time, so
    /// its memory stays flat; a smaller run parses each file once.
    public var retainedCaseBudget = 2_000

    /// The config's JSON-valued variables that the command line does not override: spliced into
    /// each suite as it is loaded.
    public var splices: JSONSplices {
        var splices = JSONSplices(configVariables)
        for variable in commandLineVariables { splices.remove(variable.name) }
        return splices
    }

    public init(target: String, environment: [String: String] = ProcessEnvironment.current()) {
        self.target = target
        self.environment = environment
    }

    /// The plan for suites already in memory (they are not reloaded), or every problem found.
    public func plan(_ suites: [Suite]) throws(DiagnosticList) -> RunPlan {
        var problems: [Diagnostic] = []
        let redactor = Redactor()
        var unavailable: [String: Diagnostic] = [:]
        let runScope = makeRunScope(redactor: redactor, problems: &problems, unavailable: &unavailable)
        var planned: [PlannedSuite] = []
        var needed = NeededEnvironment(unavailable: unavailable)
        for suite in suites {
            planned.append(plan(suite, runScope: runScope, needed: &needed, problems: &problems))
        }
        if requiresEnvironment { problems += needed.problems }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        if let shard { planned = shard.select(planned) }
        return RunPlan(
            suites: planned, redactor: redactor, runVariables: runScope, shard: shard,
            missingEnvironment: requiresEnvironment ? [] : needed.problems)
    }

    /// The validation pass over suite files: each file is loaded, decoded, planned and handed
    /// to `check` (the linter) in turn, and dropped unless the run fits `retainedCaseBudget`.
    /// Problems are reported by stage, as if each stage ran over all files before the next:
    /// load errors if any, else planning errors, else `check`'s.
    public func plan(files: [String], check: (PlannedSuite) -> [Diagnostic] = { _ in [] }) throws(DiagnosticList)
        -> RunPlan
    {
        var loadProblems: [Diagnostic] = []
        var planProblems: [Diagnostic] = []
        var checkProblems: [Diagnostic] = []
        let redactor = Redactor()
        var unavailable: [String: Diagnostic] = [:]
        let runScope = makeRunScope(redactor: redactor, problems: &planProblems, unavailable: &unavailable)
        var needed = NeededEnvironment(unavailable: unavailable)
        var planned: [PlannedSuite] = []
        var retained = 0
        var streaming = false
        let splices = self.splices
        var seenTags = Set<String>()
        for file in files {
            let loaded: Suite
            let fingerprint: UInt64
            do {
                (loaded, fingerprint) = try SuiteLoader.loadWithFingerprint(file: file, splices: splices)
            } catch {
                loadProblems.append(error)
                continue
            }
            // Once a stage has failed, later stages' problems would not be shown: skip their work.
            guard loadProblems.isEmpty else { continue }
            let before = planProblems.count
            if claims != nil {
                seenTags.formUnion(loaded.tags)
                for testCase in loaded.cases { seenTags.formUnion(testCase.tags) }
            }
            // Handed over, not copied: as the only holder of its case list, the planner changes the
            // cases in place instead of copying the whole list first.
            var suite = plan(consume loaded, runScope: runScope, needed: &needed, problems: &planProblems)
            suite.fingerprint = fingerprint
            suite.splices = splices
            suite.claims = claims
            if planProblems.count == before && planProblems.isEmpty { checkProblems += check(suite) }
            retained += suite.cases.count
            if retained > retainedCaseBudget && !streaming {
                streaming = true
                for index in planned.indices { planned[index].stream() }
            }
            if streaming { suite.stream() }
            planned.append(suite)
        }
        if loadProblems.isEmpty, let claims {
            planProblems += claims.unknownKeys(seenTags: seenTags)
        }
        if requiresEnvironment { planProblems += needed.problems }
        for problems in [loadProblems, planProblems, checkProblems] where !problems.isEmpty {
            throw DiagnosticList(problems)
        }
        if let shard { planned = shard.select(planned) }
        return RunPlan(
            suites: planned, redactor: redactor, runVariables: runScope, shard: shard,
            missingEnvironment: requiresEnvironment ? [] : needed.problems)
    }

    /// The run's own variables: `target`, then the config's, then the command line's. A config
    /// variable that reads an unset environment variable is left `unavailable`: an error only for
    /// a selected case that uses it.
    private func makeRunScope(
        redactor: Redactor, problems: inout [Diagnostic], unavailable: inout [String: Diagnostic]
    ) -> VariableScope {
        var runScope = VariableScope(environment: environment)
        runScope.secretSink = redactor
        runScope.requiresEnvironment = requiresEnvironment
        runScope.set("target", to: target)
        let overridden = Set(commandLineVariables.map(\.name))
        // JSON-valued variables were spliced into the suites as nodes; they have no string value.
        let definitions = configVariables.filter { !overridden.contains($0.name) && $0.node == nil }
        runScope.define(
            runScope.deferringUnsetEnvironment(definitions, into: &unavailable), problems: &problems)
        for variable in commandLineVariables {
            runScope.set(variable.name, to: variable.value, secret: variable.secret)
        }
        return runScope
    }

    /// One suite: its scope over the run's, its selected cases with their pending options
    /// decoded, and the static `${var}` check; problems are appended, not thrown.
    private func plan(
        _ suite: consuming Suite, runScope: VariableScope, needed: inout NeededEnvironment,
        problems: inout [Diagnostic]
    ) -> PlannedSuite {
        var scope = runScope
        var unavailable = needed.unavailable
        scope.define(
            scope.deferringUnsetEnvironment(
                suite.variables.filter { runScope.values[$0.name] == nil }, into: &unavailable),
            problems: &problems)
        var header = suite
        // Taken out of the header first, so the list is not shared and is changed in place.
        var cases = header.cases
        header.cases = []
        problems += Self.unreadableTLSFiles(in: header)
        let known = Set(scope.values.keys)
        // Whether any selected case is claimed: a suite the profile does not claim at all needs
        // nothing resolved, not even its trace policy (`"trace": "none"` leaves `traceHeader` undefined).
        var claimsACase = claims == nil
        // The suite's own case list, worked on in place: copying each case out and into a new
        // list cost more than planning it. Unselected cases are dropped at the end, in order.
        var selection: [SelectedCase] = []
        selection.reserveCapacity(cases.count)
        var dropped = false
        var defaultHeadersUsed = false
        // Whether the case is selected; planned through `inout`, as handing `cases[index]` to each
        // check would copy the whole case for every one of them.
        func planCase(_ testCase: inout TestCase) -> Bool {
            guard filter.selects(testCase, in: header) else { return false }
            // A case about what the target does not claim is reported skipped; nothing of it is
            // resolved, so it needs none of its variables.
            if let reason = claims?.skipReason(for: testCase, in: header) {
                testCase.skip = testCase.skip ?? reason
                return true
            }
            claimsACase = true
            if testCase.hasPendingOptions {
                do {
                    testCase = try testCase.resolvingPendingOptions(in: scope)
                } catch {
                    problems.append(error)
                }
            }
            let needsValues = testCase.skip == nil
            let caseName = testCase.name
            problems += Self.undefinedReferences(in: testCase, known: known) { name in
                if needsValues { needed.use(name, by: caseName, unavailable: unavailable) }
            }
            // The suite's default headers are sent with every case (a token, usually). `needed` reports
            // a variable once, naming the first case that uses it: only that case's use can count.
            if needsValues && !defaultHeadersUsed {
                defaultHeadersUsed = true
                if !unavailable.isEmpty {
                    for header in header.defaults.headers {
                        VariableScope.forEachReference(in: header.value) { name in
                            needed.use(name, by: caseName, unavailable: unavailable)
                        }
                    }
                }
            }
            problems += Self.methodProblems(in: testCase, scope: scope)
            problems += Self.unreadableBodyFiles(in: testCase)
            return true
        }
        for index in cases.indices {
            if planCase(&cases[index]) {
                selection.append(SelectedCase(index: index, name: cases[index].name))
            } else {
                dropped = true
            }
        }
        if let node = header.traceNode {
            if claimsACase {
                do {
                    header.trace = try TracePolicy.decode(scope.resolve(node))
                } catch {
                    problems.append(error)
                }
            } else {
                header.trace = nil
            }
        }
        if dropped {
            var kept: [TestCase] = []
            kept.reserveCapacity(selection.count)
            for selected in selection { kept.append(cases[selected.index]) }
            cases = kept
        }
        return PlannedSuite(suite: header, scope: scope, cases: cases, selection: selection, fingerprint: nil)
    }
}

extension VariableScope {
    /// Defines each variable in order; one whose template fails is reported in `problems` once and
    /// defined empty, so every later use of it does not repeat the error.
    mutating func define(_ definitions: [VariableDefinition], problems: inout [Diagnostic]) {
        let suggested = suggestsNames
        defer { suggestsNames = suggested }
        var failures = 0
        for definition in definitions {
            if failures >= Suggestion.hintsPerBatch { suggestsNames = false }
            do {
                try define(
                    definition.name, template: definition.value, secret: definition.secret, at: definition.location)
            } catch {
                failures += 1
                problems.append(error)
                set(definition.name, to: "", secret: definition.secret)
            }
        }
    }
}
