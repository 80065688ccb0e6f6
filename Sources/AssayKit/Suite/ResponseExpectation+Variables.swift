extension ResponseExpectation {
    /// This expectation with `${variables}` resolved in header values, assertion operands, the content
    /// type and the golden path (inline bodies are resolved by the body checker, which also parses matchers).
    func resolvingVariables(in scope: VariableScope) throws(Diagnostic) -> ResponseExpectation {
        // Most expectations use no variable here: no copy of the header list then.
        guard usesVariablesOutsideBody else { return self }
        var result = self
        var headers: [HeaderExpectation] = []
        for var header in self.headers {
            switch header.rule {
            case .equals(let value): header.rule = .equals(try scope.resolve(value, at: header.location))
            case .regex(let pattern): header.rule = .regex(try scope.resolve(pattern, at: header.location))
            case .matcher(let expression): header.rule = .matcher(try scope.resolve(expression, at: header.location))
            case .present, .absent: break
            }
            headers.append(header)
        }
        result.headers = headers
        result.contentType = try contentType.map { text throws(Diagnostic) in try scope.resolve(text, at: location) }
        result.golden = try golden.map { path throws(Diagnostic) in try scope.resolve(path, at: goldenLocation) }
        var asserts: [ResponseAssertion] = []
        for assertion in self.asserts { asserts.append(try assertion.resolvingVariables(in: scope)) }
        result.asserts = asserts
        return result
    }
}

extension ResponseExpectation {
    /// Whether a header rule, an assertion's operand, the content type or the golden path holds a `${…}` reference.
    var usesVariablesOutsideBody: Bool {
        for header in headers {
            switch header.rule {
            case .equals(let text), .regex(let text), .matcher(let text): if text.mayReferenceVariables { return true }
            case .present, .absent: break
            }
        }
        if asserts.contains(where: { $0.operandTemplate != nil }) { return true }
        return contentType?.mayReferenceVariables == true || golden?.mayReferenceVariables == true
    }
}
