extension SuiteDecoder {
    /// The keys that name a query, each with its argument (`"query"` names the argument-less ones).
    static let assertionQueryKeys = ["jsonpath", "header", "cookie", "regex", "query"]
    /// The keys that name a predicate, each with its operand.
    static let predicateKeys = [
        "==", "!=", ">", ">=", "<", "<=", "contains", "startsWith", "endsWith", "matches", "count", "exists",
        "isEmpty", "includes",
    ]

    /// `expect.asserts`: a list of `{<query>: argument, <predicate>: operand, "not"?: true}`.
    static func decodeAssertions(_ node: JSONNode?) throws(Diagnostic) -> [ResponseAssertion] {
        guard let node else { return [] }
        guard case .array(let items) = node.kind else {
            throw Diagnostic("expected `asserts` to be a list of assertions, found \(node.kindName)", at: node.location)
        }
        var assertions: [ResponseAssertion] = []
        for item in items { assertions.append(try decodeAssertion(item)) }
        return assertions
    }

    static func decodeAssertion(_ node: JSONNode) throws(Diagnostic) -> ResponseAssertion {
        var reader = try NodeReader(node, context: "assertion")
        reader.allow(contentsOf: assertionQueryKeys + predicateKeys + ["not"])
        try reader.finish()
        let queryKeys = assertionQueryKeys.filter { reader.has($0) }
        guard let queryKey = queryKeys.first else {
            throw Diagnostic(
                "assertion needs a query: one of `jsonpath`, `header`, `cookie`, `regex`, or `query` (\"status\", \"duration\", \"body\")",
                at: node.location)
        }
        guard queryKeys.count == 1 else {
            throw Diagnostic(
                "assertion has two queries (`\(queryKeys[0])` and `\(queryKeys[1])`); write one assertion for each",
                at: reader.member(queryKeys[1])?.location)
        }
        let predicates = predicateKeys.filter { reader.has($0) }
        guard let predicateKey = predicates.first, let operand = reader.member(predicateKey) else {
            throw Diagnostic(
                "assertion needs a predicate: one of \(predicateKeys.map { "`\($0)`" }.joined(separator: ", "))",
                at: node.location)
        }
        guard predicates.count == 1 else {
            throw Diagnostic(
                "assertion has two predicates (`\(predicates[0])` and `\(predicates[1])`); write one assertion for each",
                at: reader.member(predicates[1])?.location)
        }
        let negated = try reader.bool("not") ?? false
        let query = try decodeQuery(queryKey, reader.member(queryKey)!)
        var predicate = try decodePredicate(predicateKey, operand)
        if negated { predicate = .not(predicate) }
        let template =
            operand.containsVariableReference
            ? PredicateTemplate(key: predicateKey, operand: operand, negated: negated) : nil
        return ResponseAssertion(query: query, predicate: predicate, operandTemplate: template, location: node.location)
    }

    static func decodeQuery(_ key: String, _ node: JSONNode) throws(Diagnostic) -> ResponseQuery {
        let argument = try node.requireString("`\(key)`")
        switch key {
        case "jsonpath":
            do {
                return .jsonPath(try JSONPathQuery(parsing: argument))
            } catch {
                var location = node.location
                // The string's first character sits one column after its opening quote; exact when
                // the query has no JSON escapes before the error, which queries rarely need.
                location.column += 1 + error.offset
                throw Diagnostic("invalid JSONPath \(JSONWriter.quote(argument)): \(error.message)", at: location)
            }
        case "header":
            try HeaderName.validate(argument, at: node.location)
            return .header(argument)
        case "cookie":
            guard !argument.isEmpty else { throw Diagnostic("expected a cookie name, found \"\"", at: node.location) }
            return try cookieQuery(argument, at: node.location)
        case "regex":
            return .regex(try compiledRegex(argument, at: node.location))
        default:
            switch argument {
            case "status": return .status
            case "duration": return .duration
            case "body": return .body
            default:
                let options = ["status", "duration", "body"]
                throw Diagnostic(
                    "expected `query` to be one of \"status\", \"duration\", \"body\", found \(JSONWriter.quote(argument))",
                    at: node.location,
                    hint: Suggestion.nearest(to: argument, among: options).map { "did you mean \"\($0)\"?" })
            }
        }
    }

    static func decodePredicate(_ key: String, _ operand: JSONNode) throws(Diagnostic) -> QueryPredicate {
        func expectation() throws(Diagnostic) -> QueryOperand {
            do {
                return QueryOperand(try Expectation(parsing: operand), written: operand.value)
            } catch {
                throw error.diagnostics.first ?? Diagnostic("invalid matcher", at: operand.location)
            }
        }
        func text() throws(Diagnostic) -> String { try operand.requireString("the operand of `\(key)`") }
        switch key {
        case "==": return .equals(try expectation())
        case "!=": return .notEquals(try expectation())
        case ">", ">=", "<", "<=":
            switch operand.kind {
            case .number, .string: return .order(ComparisonOperator(rawValue: key)!, operand.value)
            default:
                throw Diagnostic(
                    "expected the operand of `\(key)` to be a number or a string, found \(operand.kindName)",
                    at: operand.location)
            }
        case "contains":
            if case .string(let substring) = operand.kind { return .contains(try expectation(), text: substring) }
            return .contains(try expectation(), text: nil)
        case "startsWith": return .startsWith(try text())
        case "endsWith": return .endsWith(try text())
        case "matches": return .matches(try compiledRegex(try text(), at: operand.location))
        case "count":
            switch operand.kind {
            case .number:
                let count = try operand.requireInteger("the operand of `count`", in: 0...Int(Int32.max))
                let number = JSONValue.number(JSONNumber(count))
                return .count(.equals(QueryOperand(.literal(number), written: number)))
            case .object:
                var reader = try NodeReader(operand, context: "`count` comparison")
                let comparisons = ["==", "!=", ">", ">=", "<", "<="]
                reader.allow(contentsOf: comparisons)
                try reader.finish()
                let given = comparisons.filter { reader.has($0) }
                guard given.count == 1, let inner = reader.member(given[0]) else {
                    throw Diagnostic(
                        "expected `count` to hold one comparison such as {\">\": 0}", at: operand.location)
                }
                guard case .number = inner.kind else {
                    throw Diagnostic(
                        "expected the operand of `\(given[0])` to be a number, found \(inner.kindName)",
                        at: inner.location)
                }
                return .count(try decodePredicate(given[0], inner))
            default:
                throw Diagnostic(
                    "expected `count` to be a number or a comparison such as {\">\": 0}, found \(operand.kindName)",
                    at: operand.location)
            }
        case "exists":
            guard case .bool(let wanted) = operand.kind else {
                throw Diagnostic(
                    "expected `exists` to be true or false, found \(operand.kindName)", at: operand.location)
            }
            return .exists(wanted)
        case "isEmpty":
            guard case .bool(let wanted) = operand.kind else {
                throw Diagnostic(
                    "expected `isEmpty` to be true or false, found \(operand.kindName)", at: operand.location)
            }
            return .isEmpty(wanted)
        default:
            return .includes(try expectation())
        }
    }

    static func compiledRegex(_ pattern: String, at location: SourceLocation?) throws(Diagnostic) -> CompiledRegex {
        do {
            return try CompiledRegex(pattern)
        } catch {
            throw Diagnostic("invalid regular expression \(JSONWriter.quote(pattern)) \(error)", at: location)
        }
    }
}

extension ResponseAssertion {
    /// This assertion with `${variables}` in its operand resolved (captures of earlier steps included).
    func resolvingVariables(in scope: VariableScope) throws(Diagnostic) -> ResponseAssertion {
        guard let template = operandTemplate else { return self }
        var result = self
        var predicate = try SuiteDecoder.decodePredicate(template.key, try scope.resolve(template.operand))
        if template.negated { predicate = .not(predicate) }
        result.predicate = predicate
        result.operandTemplate = nil
        return result
    }
}
