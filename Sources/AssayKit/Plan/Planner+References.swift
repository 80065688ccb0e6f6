extension Planner {
    /// Every `${name}` a case uses that neither the scope nor an earlier step's capture defines.
    /// `using` sees every name referenced, defined or not.
    static func undefinedReferences(
        in testCase: TestCase, known: Set<String>, using: (String) -> Void = { _ in }
    ) -> [Diagnostic] {
        var defined = known
        var problems: [Diagnostic] = []
        func check(_ text: String, _ location: SourceLocation?) {
            // Most strings use no variable: skip them without building anything.
            guard text.mayReferenceVariables else { return }
            let unterminated = {
                problems.append(
                    Diagnostic(
                        "unterminated `${` in case \"\(testCase.name)\": a reference ends with `}`",
                        at: location ?? testCase.location, hint: "write `$${` for a literal `${`"))
            }
            VariableScope.forEachReference(in: text, unterminated: unterminated) { name in
                using(name)
                guard !defined.contains(name) else { return }
                // Past the first few errors of a case, no suggestion: each is a search of every name.
                let hint =
                    problems.count < Suggestion.hintsPerBatch
                    ? Suggestion.nearest(to: name, among: defined).map { "did you mean `${\($0)}`?" } : nil
                problems.append(
                    Diagnostic(
                        "undefined variable `${\(name)}` in case \"\(testCase.name)\"",
                        at: location ?? testCase.location,
                        hint: hint ?? "define it in `variables`, with --var \(name)=…, or capture it in an earlier step"
                    ))
            }
        }
        func checkRule(_ rule: HeaderExpectation) {
            switch rule.rule {
            case .equals(let text), .regex(let text), .matcher(let text): check(text, rule.location)
            case .present, .absent: break
            }
        }
        func checkAssertions(_ asserts: [ResponseAssertion]) {
            for assertion in asserts {
                assertion.operandTemplate?.operand.forEachString { check($0.text, $0.location) }
            }
        }
        // The common block and each mode block as written: together they hold every string of
        // every mode's resolved view, and a mode's view reports its strings at the same places.
        func checkExpectation(_ expect: ResponseExpectation) {
            for rule in expect.headers { checkRule(rule) }
            if let body = expect.body { body.forEachString { check($0.text, $0.location) } }
            if let contentType = expect.contentType { check(contentType, expect.location) }
            if let golden = expect.golden { check(golden, expect.goldenLocation) }
            if let text = expect.bodyText { check(text, expect.location) }
            checkAssertions(expect.asserts)
            // No array literals here: they would copy both blocks and all three nodes for every step.
            func checkBlock(_ block: ExpectationOverride) {
                for rule in block.headers { checkRule(rule) }
                if let body = block.body { body.forEachString { check($0.text, $0.location) } }
                if let contentType = block.contentType { check(contentType, expect.location) }
                if let golden = block.golden { check(golden, block.goldenLocation) }
                if let text = block.bodyText { check(text, expect.location) }
                checkAssertions(block.asserts)
            }
            if let block = expect.strict { checkBlock(block) }
            if let block = expect.permissive { checkBlock(block) }
        }
        func checkStep(_ step: Step) {
            let request = step.request
            // Each string at the place it is written (looked up only when it holds a `${`).
            func checkRequest(_ text: String) {
                guard text.mayReferenceVariables else { return }
                check(text, request.location(of: text))
            }
            checkRequest(request.url)
            checkRequest(request.method)
            for item in request.query { checkRequest(item.value) }
            for header in request.headers { check(header.value, header.location) }
            switch request.body {
            case .json(let value): value.forEachString { checkRequest($0) }
            case .text(let text): checkRequest(text)
            case .form(let fields): for field in fields { checkRequest(field.value) }
            case .multipart(let parts):
                for part in parts {
                    if case .text(let text) = part.content { checkRequest(text) }
                    if let contentType = part.contentType { checkRequest(contentType) }
                }
            case .none, .file: break
            }
            for cookie in request.cookies { checkRequest(cookie.value) }
            if let auth = request.basicAuth {
                checkRequest(auth.user)
                checkRequest(auth.password)
            }
            checkExpectation(step.expect)
            // `retry.until` is resolved with the same variables as the step's own expectation.
            if let until = step.retry?.until ?? testCase.retry?.until { checkExpectation(until) }
            if let key = testCase.replay?.key { check(key, testCase.replay?.location) }
            testCase.replay?.pending?.forEachString { check($0.text, $0.location) }
            testCase.rateLimit?.pending?.forEachString { check($0.text, $0.location) }
            if let stream = step.expect.stream {
                stream.pending?.forEachString { check($0.text, $0.location) }
                for event in stream.events { event.data.forEachString { check($0.text, $0.location) } }
                if let equals = stream.reassembly.equals { check(equals, stream.reassembly.equalsLocation) }
            }
            for capture in step.captures {
                switch capture.source {
                case .header(let name, _): check(name, capture.location)
                case .bodyPointer(let pointer): check(pointer, capture.location)
                case .jsonPath, .regex, .cookie: break
                }
            }
            for capture in step.captures { defined.insert(capture.name) }
        }
        // By index: `for step in steps` would copy every step (all its strings and lists) first.
        for stepIndex in testCase.steps.indices {
            checkStep(testCase.steps[stepIndex])
        }
        guard problems.count > 1 else { return problems }
        var seen = Set<String>()
        return problems.filter { seen.insert($0.description).inserted }
    }
}

extension Planner {
    /// A method written with variables the plan already knows (not captures, not the environment)
    /// is checked as the run would check it, so `lint` refuses what `run` would refuse.
    static func methodProblems(in testCase: TestCase, scope: VariableScope) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var captured = Set<String>()
        for index in testCase.steps.indices {
            let request = testCase.steps[index].request
            let method = request.method
            if method.mayReferenceVariables, !method.contains("${env:"),
                VariableScope.references(in: method).allSatisfy({ scope.values[$0] != nil && !captured.contains($0) }),
                let resolved = try? scope.resolve(method, at: nil), RequestTemplate.method(sending: resolved) == nil
            {
                let shown = scope.secretSink?.redact(resolved.uppercased()) ?? resolved.uppercased()
                problems.append(
                    Diagnostic(
                        "expected an HTTP method such as \"GET\", found \"\(shown)\"", at: request.location(of: method))
                )
            }
            for capture in testCase.steps[index].captures { captured.insert(capture.name) }
        }
        return problems
    }
}

extension JSONNode {
    /// Calls `body` with every string value and its location, in document order.
    func forEachString(_ body: ((text: String, location: SourceLocation)) -> Void) {
        switch kind {
        case .string(let text): body((text, location))
        case .array(let items): for item in items { item.forEachString(body) }
        case .object(let members): for member in members { member.value.forEachString(body) }
        default: break
        }
    }
}

extension JSONValue {
    /// Calls `body` with every string value (not keys) in document order.
    func forEachString(_ body: (String) -> Void) {
        switch self {
        case .string(let text): body(text)
        case .array(let items): for item in items { item.forEachString(body) }
        case .object(let object): for member in object { member.value.forEachString(body) }
        default: break
        }
    }
}
