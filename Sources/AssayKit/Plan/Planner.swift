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
    public var shard: Shard?
    public var environment: [String: String]
    /// False for offline commands: unset `${env:…}` variables read as empty instead of failing.
    public var requiresEnvironment = true

    public init(target: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.target = target
        self.environment = environment
    }

    /// The plan for `suites`, or every problem found.
    public func plan(_ suites: [Suite]) throws(DiagnosticList) -> RunPlan {
        var problems: [Diagnostic] = []
        var runScope = VariableScope(environment: environment)
        runScope.requiresEnvironment = requiresEnvironment
        runScope.set("target", to: target)
        let overridden = Set(commandLineVariables.map(\.name))
        for definition in configVariables where !overridden.contains(definition.name) {
            do {
                try runScope.define(
                    definition.name, template: definition.value, secret: definition.secret, at: definition.location)
            } catch {
                problems.append(error)
                runScope.set(definition.name, to: "", secret: definition.secret)
            }
        }
        for variable in commandLineVariables {
            runScope.set(variable.name, to: variable.value, secret: variable.secret)
        }
        var redactor = Redactor(secrets: runScope.secretValues)
        var planned: [PlannedSuite] = []
        for suite in suites {
            var scope = runScope
            for definition in suite.variables where runScope.values[definition.name] == nil {
                do {
                    try scope.define(
                        definition.name, template: definition.value, secret: definition.secret, at: definition.location)
                } catch {
                    // Reported once here; defining it empty keeps every later use from repeating the error.
                    problems.append(error)
                    scope.set(definition.name, to: "", secret: definition.secret)
                }
            }
            for secret in scope.secretValues { redactor.add(secret) }
            var suite = suite
            if let node = suite.traceNode {
                do {
                    suite.trace = try TracePolicy.decode(scope.resolve(node))
                } catch {
                    problems.append(error)
                }
            }
            var cases: [TestCase] = []
            for testCase in suite.cases where filter.selects(testCase, in: suite) {
                do {
                    cases.append(try Self.decodeDeferredBlocks(of: testCase, scope: scope))
                } catch {
                    problems.append(error)
                    cases.append(testCase)
                }
            }
            for testCase in cases {
                problems += Self.undefinedReferences(in: testCase, suite: suite, known: Set(scope.values.keys))
            }
            planned.append(PlannedSuite(suite: suite, scope: scope, cases: cases))
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        if let shard { planned = shard.select(planned) }
        return RunPlan(suites: planned, redactor: redactor, runVariables: runScope, shard: shard)
    }

    /// Every `${name}` a case uses that neither the scope nor an earlier step's capture defines.
    static func undefinedReferences(in testCase: TestCase, suite: Suite, known: Set<String>) -> [Diagnostic] {
        var defined = known
        var problems: [Diagnostic] = []
        func check(_ text: String, _ location: SourceLocation?) {
            for name in VariableScope.references(in: text) where !defined.contains(name) {
                let hint = Suggestion.nearest(to: name, among: Array(defined)).map { "did you mean `${\($0)}`?" }
                problems.append(
                    Diagnostic(
                        "undefined variable `${\(name)}` in case \"\(testCase.name)\"",
                        at: location ?? testCase.location,
                        hint: hint ?? "define it in `variables`, with --var \(name)=…, or capture it in an earlier step"
                    ))
            }
        }
        for step in testCase.steps {
            let request = step.request
            check(request.url, request.location)
            check(request.method, request.location)
            for item in request.query { check(item.value, request.location) }
            for header in request.headers { check(header.value, header.location) }
            switch request.body {
            case .json(let value): value.forEachString { check($0, request.location) }
            case .text(let text): check(text, request.location)
            case .none: break
            }
            for expectation in [
                step.expect, step.expect.resolved(for: .strict), step.expect.resolved(for: .permissive),
            ] {
                expectation.body?.value.forEachString { check($0, expectation.body?.location) }
                for rule in expectation.headers {
                    switch rule.rule {
                    case .equals(let text), .regex(let text), .matcher(let text): check(text, rule.location)
                    case .present, .absent: break
                    }
                }
                if let contentType = expectation.contentType { check(contentType, expectation.location) }
                if let golden = expectation.golden { check(golden, expectation.goldenLocation) }
                if let text = expectation.bodyText { check(text, expectation.location) }
            }
            for node in [testCase.deferredReplay, testCase.deferredRateLimit, step.expect.deferredStream].compactMap({
                $0
            }) {
                node.forEachString { check($0.text, $0.location) }
            }
            for capture in step.captures {
                switch capture.source {
                case .header(let name): check(name, capture.location)
                case .bodyPointer(let pointer): check(pointer, capture.location)
                }
            }
            for capture in step.captures { defined.insert(capture.name) }
        }
        var seen = Set<String>()
        return problems.filter { seen.insert($0.description).inserted }
    }
}

extension Planner {
    /// Decodes the blocks whose options use suite variables, now that the variables are known.
    static func decodeDeferredBlocks(of testCase: TestCase, scope: VariableScope) throws(Diagnostic) -> TestCase {
        var result = testCase
        if let node = testCase.deferredReplay {
            result.replay = try SuiteDecoder.decodeReplay(scope.resolvingKnown(node))
        }
        if let node = testCase.deferredRateLimit {
            result.rateLimit = try SuiteDecoder.decodeRateLimit(scope.resolvingKnown(node))
        }
        for index in result.steps.indices {
            guard let node = result.steps[index].expect.deferredStream else { continue }
            let resolved = scope.resolvingKnown(node, excludingKeys: SuiteDecoder.streamRunTimeKeys)
            result.steps[index].expect.stream = try SuiteDecoder.decodeStream(resolved)
        }
        result.exclusive =
            testCase.exclusiveWritten
            ?? SuiteDecoder.runsExclusively(replay: result.replay, rateLimit: result.rateLimit)
        return result
    }
}

extension JSONNode {
    /// Calls `body` with every string value and its location, in document order.
    func forEachString(_ body: ((text: String, location: SourceLocation)) -> Void) {
        switch kind {
        case .string(let text): body((text, location))
        case .array(let items): items.forEach { $0.forEachString(body) }
        case .object(let members): members.forEach { $0.value.forEachString(body) }
        default: break
        }
    }
}

extension JSONValue {
    /// Calls `body` with every string value (not keys) in document order.
    func forEachString(_ body: (String) -> Void) {
        switch self {
        case .string(let text): body(text)
        case .array(let items): items.forEach { $0.forEachString(body) }
        case .object(let object): object.forEach { $0.value.forEachString(body) }
        default: break
        }
    }
}
