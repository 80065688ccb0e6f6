/// Decoding of the content parts of `expect.stream`: per-event data expectations and reassembly.
extension SuiteDecoder {
    /// `[{"index": 0, "data": …}, {"type": "response.completed", "occurrence": 0, "data": …, "compare": "exact"}]`.
    static func decodeEventChecks(_ node: JSONNode, defaultCompare: CompareMode) throws(Diagnostic)
        -> [StreamEventCheck]
    {
        guard case .array(let items) = node.kind else {
            throw Diagnostic(
                "expected `events` to be a list of event expectations, found \(node.kindName)", at: node.location)
        }
        var checks: [StreamEventCheck] = []
        for item in items {
            var reader = try NodeReader(item, context: "event expectation")
            reader.allow("index", "type", "occurrence", "data", "compare")
            try reader.finish()
            let selector: EventSelector
            switch (try reader.integer("index"), try reader.string("type")) {
            case (let index?, nil):
                if reader.has("occurrence") {
                    throw Diagnostic(
                        "`occurrence` counts events of one `type`; with `index`, leave it out",
                        at: reader.member("occurrence")?.location)
                }
                selector = .index(index)
            case (nil, let type?):
                selector = .type(type, occurrence: try reader.integer("occurrence", in: 0...Int.max))
            case (.some, .some):
                throw Diagnostic("event expectation has both `index` and `type`; give one", at: item.location)
            case (nil, nil):
                throw Diagnostic(
                    "event expectation needs `index` (0-based among real events, negative from the end) or `type`",
                    at: item.location)
            }
            guard let data = reader.member("data") else {
                throw Diagnostic("event expectation is missing required key `data`", at: item.location)
            }
            do throws(DiagnosticList) {
                _ = try Expectation(parsing: data)
            } catch {
                throw error.diagnostics.first ?? Diagnostic("invalid event data expectation", at: data.location)
            }
            let compare = try reader.choice("compare", as: CompareMode.self) ?? defaultCompare
            checks.append(StreamEventCheck(selector: selector, data: data, compare: compare, location: item.location))
        }
        return checks
    }

    /// `{"deltas": [{"event", "path"}], "golden": path, "equals": text, "matchesNonStream": {"body", "path"}}`.
    static func decodeReassembly(_ reader: NodeReader, preset: StreamPreset?, into spec: inout StreamExpectation)
        throws(Diagnostic)
    {
        var reader = reader
        reader.allow("deltas", "golden", "equals", "matchesNonStream")
        try reader.finish()
        if let deltas = reader.member("deltas") {
            spec.deltas = try decodeDeltaRules(deltas)
        }
        spec.reassembly.golden = try reader.string("golden")
        spec.reassembly.goldenLocation = reader.member("golden")?.location
        spec.reassembly.equals = try reader.string("equals")
        spec.reassembly.equalsLocation = reader.member("equals")?.location
        if let node = reader.member("matchesNonStream") {
            spec.reassembly.nonStream = try decodeNonStream(node, preset: preset)
        }
        if spec.reassembly.isEmpty, !reader.has("deltas") {
            throw Diagnostic(
                "`reassemble` needs `golden`, `equals` or `matchesNonStream` to compare the streamed text with",
                at: reader.node.location)
        }
    }

    private static func decodeDeltaRules(_ node: JSONNode) throws(Diagnostic) -> [DeltaRule] {
        guard case .array(let items) = node.kind, !items.isEmpty else {
            throw Diagnostic(
                "expected `deltas` to be a non-empty list of {\"event\", \"path\"}, found \(node.kindName)",
                at: node.location)
        }
        var rules: [DeltaRule] = []
        for item in items {
            var reader = try NodeReader(item, context: "delta rule")
            reader.allow("event", "path")
            try reader.finish()
            let path = try reader.requiredString("path")
            rules.append(
                DeltaRule(
                    eventType: try reader.string("event"),
                    path: try StreamFieldPath(parsing: path, at: reader.member("path")?.location)))
        }
        return rules
    }

    private static func decodeNonStream(_ node: JSONNode, preset: StreamPreset?) throws(Diagnostic)
        -> NonStreamComparison
    {
        var reader = try NodeReader(node, context: "`matchesNonStream`")
        reader.allow("body", "path")
        try reader.finish()
        var members = JSONObject([("stream", .bool(false))])
        if let body = reader.member("body") {
            guard case .object = body.kind, case .object(let object) = body.value else {
                throw Diagnostic(
                    "expected `body` to be an object of members to merge into the request body, found \(body.kindName)",
                    at: body.location)
            }
            members = object
        }
        let path: StreamFieldPath
        if let text = try reader.string("path") {
            path = try StreamFieldPath(parsing: text, at: reader.member("path")?.location)
        } else if let preset {
            path = preset.nonStreamTextPath
        } else {
            throw Diagnostic(
                "`matchesNonStream` needs `path` (where the text is in the non-streamed answer) when no `preset` is given",
                at: node.location, hint: "for Chat Completions: \"choices[0].message.content\"")
        }
        return NonStreamComparison(bodyMembers: members, path: path, location: node.location)
    }
}
