extension SuiteDecoder {
    static let expectationKeys = [
        "status", "headers", "contentType", "body", "bodyText", "golden", "compare", "maxDuration", "asserts", "arrays",
    ]

    /// `expect` itself: the shared members, the mode blocks and `stream`.
    static let expectKeys = expectationKeys + ["strict", "permissive", "stream"]

    /// Members of a `stream` block resolved per run (they may use captures), not by the plan.
    static let streamRunTimeKeys: Set<String> = ["events", "reassemble"]

    static func decodeExpectation(_ node: JSONNode?) throws(Diagnostic) -> ResponseExpectation {
        var expectation = ResponseExpectation()
        guard let node else { return expectation }
        var reader = try NodeReader(node, context: "expect")
        reader.allow(contentsOf: expectKeys)
        try reader.finish()
        // Straight into the expectation: what applying a decoded block to an empty one gives,
        // without building the block and copying its members over.
        try decodeMembers(reader, into: &expectation)
        if ResponseExpectation.namesRepeat(expectation.headers) {
            let rules = expectation.headers
            expectation.headers = []
            expectation.mergeHeaders(rules)
        }
        expectation.location = node.location
        expectation.stream = try decodeStream(reader.member("stream"))
        for mode in PolicyMode.allCases where reader.has(mode.rawValue) {
            // Checked first: the context text is built only for a block that is there.
            guard var block = try reader.reader(mode.rawValue, context: "`\(mode.rawValue)` block") else { continue }
            block.allow(contentsOf: expectationKeys)
            try block.finish()
            var decoded = ExpectationOverride()
            try decodeMembers(block, into: &decoded)
            if mode == .strict { expectation.strict = decoded } else { expectation.permissive = decoded }
        }
        return expectation
    }

    /// The members shared by `expect` and its mode blocks (unknown keys already rejected), into `result`.
    static func decodeMembers(_ reader: NodeReader, into result: inout some ExpectationMembers) throws(Diagnostic) {
        result.status = try reader.member("status").map(decodeStatus)
        result.headers = try decodeHeaderRules(reader.member("headers"))
        result.contentType = try reader.string("contentType")
        result.body = reader.member("body")
        result.bodyText = try reader.string("bodyText")
        result.golden = try reader.string("golden")
        result.goldenLocation = reader.member("golden")?.location
        result.compare = try reader.choice("compare", as: CompareMode.self)
        result.arrays = try reader.choice("arrays", as: ArrayMatching.self)
        result.maxDurationMs = try reader.milliseconds("maxDuration")
        result.asserts = try decodeAssertions(reader.member("asserts"))
        // Counted before any list is built: nearly every expectation has at most one body.
        let bodyCount = (result.body != nil ? 1 : 0) + (result.bodyText != nil ? 1 : 0) + (result.golden != nil ? 1 : 0)
        if bodyCount > 1 {
            let bodies = ["body", "bodyText", "golden"].filter { reader.has($0) }
            throw Diagnostic(
                "expect has \(bodies.map { "`\($0)`" }.joined(separator: " and ")); give only one body expectation",
                at: reader.member(bodies[1])?.location)
        }
    }

    /// `200`, `"4xx"`, or a list of either.
    static func decodeStatus(_ node: JSONNode) throws(Diagnostic) -> StatusExpectation {
        func pattern(_ item: JSONNode) throws(Diagnostic) -> StatusExpectation.Pattern {
            switch item.kind {
            case .number:
                return .code(try item.requireInteger("a status", in: 100...999))
            case .string(let text):
                if let code = Int(text), (100...999).contains(code) { return .code(code) }
                if text == "any" { return .any }
                let lower = text.lowercased()
                if lower.count == 3, lower.hasSuffix("xx"), let digit = lower.first?.wholeNumberValue,
                    (1...5).contains(digit)
                {
                    return .statusClass(digit)
                }
                throw Diagnostic(
                    "expected a status such as 200 or a class such as \"4xx\" (or \"any\"), found \"\(text)\"",
                    at: item.location)
            default:
                throw Diagnostic(
                    "expected a status such as 200 or a class such as \"4xx\", found \(item.kindName)",
                    at: item.location)
            }
        }
        if case .array(let items) = node.kind {
            guard !items.isEmpty else {
                throw Diagnostic("expected at least one status in the list", at: node.location)
            }
            var patterns: [StatusExpectation.Pattern] = []
            for item in items { patterns.append(try pattern(item)) }
            return StatusExpectation(patterns: patterns, location: node.location)
        }
        return StatusExpectation(patterns: [try pattern(node)], location: node.location)
    }

    /// Header rules: `"Name": "value"` (equals, or a matcher when written `{{…}}`), `true` (present),
    /// `false` (absent), or `{"present"|"absent": true}`, `{"equals": …}`, `{"regex": …}`, `{"matches": "{{…}}"}`.
    static func decodeHeaderRules(_ node: JSONNode?) throws(Diagnostic) -> [HeaderExpectation] {
        guard let node else { return [] }
        guard case .object(let members) = node.kind else {
            throw Diagnostic(
                "expected `headers` to be an object of header names to rules, found \(node.kindName)", at: node.location
            )
        }
        var rules: [HeaderExpectation] = []
        rules.reserveCapacity(members.count)
        for member in members {
            try HeaderName.validate(member.key, at: member.keyLocation)
            // Names are case-insensitive: a second rule for the name would silently replace the first.
            if let earlier = rules.first(where: { HeaderName.equalIgnoringCase($0.name, member.key) }) {
                throw Diagnostic(
                    "header `\(member.key)` already has a rule (as `\(earlier.name)`; header names are case-insensitive); write one rule for it",
                    at: member.keyLocation)
            }
            let rule: HeaderExpectation.Rule
            switch member.value.kind {
            case .string(let text): rule = text.hasASCIIPrefix("{{") ? .matcher(text) : .equals(text)
            case .bool(let present): rule = present ? .present : .absent
            case .null: rule = .absent
            case .object:
                var reader = try NodeReader(member.value, context: "header rule for `\(member.key)`")
                reader.allow("present", "absent", "equals", "regex", "matches")
                try reader.finish()
                if let present = try reader.bool("present") {
                    rule = present ? .present : .absent
                } else if let absent = try reader.bool("absent") {
                    rule = absent ? .absent : .present
                } else if let value = try reader.string("equals") {
                    rule = .equals(value)
                } else if let pattern = try reader.string("regex") {
                    try RegexCheck.validate(pattern, at: reader.member("regex")?.location)
                    rule = .regex(pattern)
                } else if let matcher = try reader.string("matches") {
                    rule = .matcher(matcher)
                } else {
                    throw Diagnostic(
                        "header rule for `\(member.key)` needs one of `present`, `absent`, `equals`, `regex` or `matches`",
                        at: member.value.location)
                }
            default:
                throw Diagnostic(
                    "expected header rule for `\(member.key)` to be a string, true/false, or an object, found \(member.value.kindName)",
                    at: member.value.location)
            }
            rules.append(HeaderExpectation(name: member.key, rule: rule, location: member.value.location))
        }
        return rules
    }
}
