extension SuiteDecoder {
    static let caseKeys = [
        "name", "description", "tags", "request", "steps", "expect", "capture", "exclusive", "skip", "replay",
        "rateLimit", "retry", "openapi",
    ]
    static let stepKeys = ["name", "request", "expect", "capture", "precondition", "retry"]
    static let requestKeys = [
        "method", "url", "path", "query", "headers", "body", "bodyText", "form", "multipart", "file", "basicAuth",
        "timeouts", "compressed", "redirects", "cookies",
    ]

    /// A case: either `request` (+ `expect`, `capture`) or `steps`, never both.
    static func decodeCase(_ node: JSONNode) throws(Diagnostic) -> TestCase {
        var reader = try NodeReader(node, context: "case")
        reader.allow(contentsOf: caseKeys)
        try reader.finish()
        let name = try reader.requiredString("name")
        var steps: [Step]
        if let stepsNode = reader.member("steps") {
            for key in ["request", "expect", "capture"] where reader.has(key) {
                throw Diagnostic(
                    "case \"\(name)\" has both `steps` and `\(key)`; put `\(key)` inside a step",
                    at: reader.member(key)?.location)
            }
            guard case .array(let stepNodes) = stepsNode.kind, !stepNodes.isEmpty else {
                throw Diagnostic(
                    "expected `steps` to be a non-empty list of steps, found \(stepsNode.kindName)",
                    at: stepsNode.location)
            }
            var decoded: [Step] = []
            for (index, stepNode) in stepNodes.enumerated() {
                var stepReader = try NodeReader(stepNode, context: "step")
                stepReader.allow(contentsOf: stepKeys)
                try stepReader.finish()
                var step = try decodeStep(stepReader, defaultName: "step \(index + 1)")
                step.precondition = try stepReader.bool("precondition") ?? false
                step.retry = try decodeRetry(stepReader.member("retry"))
                try refuseRetryOnStream(step.retry, step)
                decoded.append(step)
            }
            steps = decoded
        } else {
            guard reader.has("request") else {
                throw Diagnostic("case \"\(name)\" needs a `request` or a list of `steps`", at: node.location)
            }
            steps = [try decodeStep(reader, defaultName: name)]
        }
        let skip: String?
        switch reader.member("skip")?.kind {
        case .bool(true): skip = "skipped in the suite"
        case .string(let reason): skip = reason
        case nil, .bool(false): skip = nil
        default:
            throw Diagnostic(
                "expected `skip` to be true, false or a reason string", at: reader.member("skip")?.location)
        }
        // Options written with suite variables stay pending until the plan (`PendingOptions`).
        let replay = try decodeReplay(reader.member("replay"))
        let rateLimit = try decodeRateLimit(reader.member("rateLimit"))
        if replay != nil || rateLimit != nil, steps.count != 1 || reader.has("steps") {
            throw Diagnostic(
                "`replay` and `rateLimit` apply to a case with a single `request`, not to `steps`", at: node.location)
        }
        if replay != nil && rateLimit != nil {
            throw Diagnostic(
                "a case may have `replay` or `rateLimit`, not both", at: reader.member("rateLimit")?.location)
        }
        let exclusiveWritten = try reader.bool("exclusive")
        if try reader.bool("openapi") == false {
            for index in steps.indices { steps[index].validatesOpenAPI = false }
        }
        let retry = try decodeRetry(reader.member("retry"))
        if let retry, replay != nil || rateLimit != nil {
            throw Diagnostic(
                "`retry` applies to plain requests; a `replay` or `rateLimit` case sends its own sequence",
                at: retry.location)
        }
        for step in steps where step.retry == nil { try refuseRetryOnStream(retry, step) }
        return TestCase(
            name: name, tags: try reader.strings("tags"), steps: steps,
            exclusive: exclusiveWritten ?? Self.runsExclusively(replay: replay, rateLimit: rateLimit),
            skip: skip, replay: replay, rateLimit: rateLimit, retry: retry, exclusiveWritten: exclusiveWritten,
            location: node.location)
    }

    /// A streamed step is watched as it arrives; sending it again is not what `retry` means.
    private static func refuseRetryOnStream(_ retry: RetrySpec?, _ step: Step) throws(Diagnostic) {
        guard let retry, step.expect.stream != nil else { return }
        throw Diagnostic("`retry` does not apply to a step that expects a `stream`", at: retry.location)
    }

    /// Bursts and TTL waits run with nothing else in flight, unless the case says otherwise.
    static func runsExclusively(replay: ReplaySpec?, rateLimit: RateLimitSpec?) -> Bool {
        (rateLimit?.runsExclusively ?? false) || (replay?.runsExclusively ?? false)
    }

    static func decodeStep(_ reader: NodeReader, defaultName: String) throws(Diagnostic) -> Step {
        // `"request": "${name}"` left as written: the config has no JSON-valued `name`. Kept as a request
        // whose path names it, so only a run that selects (and claims) the case reports it undefined.
        guard let node = reader.member("request") else {
            throw Diagnostic("step is missing required key `request`", at: reader.location)
        }
        if case .string(let text) = node.kind, JSONSplices.wholeReference(text) != nil {
            let stand = JSONNode(
                location: node.location,
                kind: .object([JSONMember(key: "path", keyIsASCII: true, keyLocation: node.location, value: node)]))
            return Step(
                name: try reader.string("name") ?? defaultName,
                request: try decodeRequest(NodeReader(stand, context: "request")),
                expect: try decodeExpectation(reader.member("expect")),
                captures: try decodeCaptures(reader.member("capture")),
                location: reader.location)
        }
        let requestReader = try NodeReader(node, context: "request")
        return Step(
            name: try reader.string("name") ?? defaultName,
            request: try decodeRequest(requestReader),
            expect: try decodeExpectation(reader.member("expect")),
            captures: try decodeCaptures(reader.member("capture")),
            location: reader.location)
    }

    static func decodeRequest(_ reader: consuming NodeReader) throws(Diagnostic) -> RequestTemplate {
        var reader = reader
        reader.allow(contentsOf: requestKeys)
        try reader.finish()
        let url: String
        switch (try reader.string("url"), try reader.string("path")) {
        case (let absolute?, nil): url = absolute
        case (nil, let path?):
            guard path.hasASCIIPrefix("/") || path.hasASCIIPrefix("${") else {
                throw Diagnostic(
                    "expected `path` to start with `/`, found \"\(path)\"", at: reader.member("path")?.location)
            }
            url = path
        case (.some, .some):
            throw Diagnostic("request has both `url` and `path`; give one", at: reader.member("path")?.location)
        case (nil, nil):
            throw Diagnostic("request needs a `path` (joined to the target) or a `url`", at: reader.location)
        }
        var query: [(name: String, value: String)] = []
        for member in try reader.object("query") ?? [] {
            for value in try repeatedScalars(member.value, "query parameter `\(member.key)`") {
                query.append((member.key, value))
            }
        }
        let body = try decodeBody(reader)
        let written = try reader.string("method") ?? "GET"
        let usesVariables = written.mayReferenceVariables
        // ASCII letters and `-`, upper-cased here: the request builder sends a method without
        // variables as decoded, and checks only one that comes from a variable.
        func isMethod(_ text: String) -> Bool {
            !text.isEmpty && text.allUTF8Bytes { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D }
        }
        let method = usesVariables || isMethod(written) ? written : written.uppercased()
        guard usesVariables || isMethod(method) else {
            throw Diagnostic(
                "expected `method` to be an HTTP method such as \"GET\", found \"\(method)\"",
                at: reader.member("method")?.location)
        }
        let (connect, total) = try decodeTimeouts(reader.reader("timeouts", context: "timeouts"))
        var sites: [(text: String, location: SourceLocation)] = []
        func collectSites(_ node: JSONNode) {
            switch node.kind {
            case .string(let text): if text.mayReferenceVariables { sites.append((text, node.location)) }
            case .array(let items): for item in items { collectSites(item) }
            case .object(let members): for member in members { collectSites(member.value) }
            default: break
            }
        }
        for key in referenceKeys { if let node = reader.member(key) { collectSites(node) } }
        var template = RequestTemplate(
            method: method, url: url, query: query,
            headers: try decodeHeaders(reader.member("headers"), key: "headers"),
            body: body, connectTimeoutMs: connect, totalTimeoutMs: total, location: reader.location,
            basicAuth: try decodeBasicAuth(reader.reader("basicAuth", context: "basicAuth")),
            compressed: try reader.bool("compressed"),
            redirects: try decodeRedirects(reader.reader("redirects", context: "redirects")),
            cookies: try decodeCookies(reader.object("cookies")))
        template.referenceSites = sites
        return template
    }

    /// The request keys whose strings may use `${…}` and have no location of their own (headers do).
    static let referenceKeys = [
        "url", "path", "method", "query", "body", "bodyText", "form", "multipart", "cookies", "basicAuth",
    ]

    /// One capture object's source: exactly one of `pointer`, `header` (with an optional
    /// `parameter`), `jsonpath`, `regex` or `cookie`.
    static func decodeCaptureSource(_ reader: NodeReader, name: String) throws(Diagnostic) -> Capture.Source {
        let sources = ["pointer", "header", "jsonpath", "regex", "cookie"]
        let given = sources.filter { reader.has($0) }
        guard given.count == 1, let node = reader.member(given[0]) else {
            throw Diagnostic(
                "capture `\(name)` needs exactly one of `pointer`, `header`, `jsonpath`, `regex` or `cookie`",
                at: given.count > 1 ? reader.member(given[1])?.location : reader.location)
        }
        if reader.has("parameter") && given[0] != "header" {
            throw Diagnostic(
                "`parameter` belongs to a header capture (`\(name)` captures by `\(given[0])`)",
                at: reader.member("parameter")?.location)
        }
        let argument = try node.requireString("`\(given[0])`")
        switch given[0] {
        case "pointer": return .bodyPointer(argument)
        // A header name may be a `${variable}` (a pack names its trace header per target).
        case "header": return .header(argument, parameter: try reader.string("parameter"))
        case "jsonpath":
            guard case .jsonPath(let query) = try decodeQuery("jsonpath", node) else { return .bodyPointer(argument) }
            return .jsonPath(query)
        case "regex": return .regex(try compiledRegex(argument, at: node.location))
        default:
            guard !argument.isEmpty else { throw Diagnostic("expected a cookie name, found \"\"", at: node.location) }
            return .cookie(argument)
        }
    }

    /// Captures: `"name": "/json/pointer"`, or an object with one source (`pointer`, `header` and
    /// its `parameter`, `jsonpath`, `regex`, `cookie`), each optionally `"secret": true`.
    static func decodeCaptures(_ node: JSONNode?) throws(Diagnostic) -> [Capture] {
        guard let node else { return [] }
        guard case .object(let members) = node.kind else {
            throw Diagnostic(
                "expected `capture` to be an object of variable names to sources, found \(node.kindName)",
                at: node.location)
        }
        var result: [Capture] = []
        for member in members {
            guard VariableName.isValid(member.key) else {
                throw Diagnostic("invalid variable name `\(member.key)`", at: member.keyLocation)
            }
            var source: Capture.Source
            var secret = false
            switch member.value.kind {
            case .string(let pointer):
                source = .bodyPointer(pointer)
            case .object:
                var reader = try NodeReader(member.value, context: "capture `\(member.key)`")
                reader.allow("pointer", "header", "parameter", "jsonpath", "regex", "cookie", "secret")
                try reader.finish()
                let declared = try reader.bool("secret")
                source = try decodeCaptureSource(reader, name: member.key)
                // A header that is always masked (`Set-Cookie`, `Authorization`, …) stays masked
                // once captured, unless the suite says `"secret": false`.
                if case .header(let name, _) = source {
                    secret = declared ?? Redactor.isSensitive(header: name)
                } else {
                    secret = declared ?? false
                }
            default:
                throw Diagnostic(
                    "expected capture `\(member.key)` to be a JSON pointer string or an object, found \(member.value.kindName)",
                    at: member.value.location)
            }
            if case .bodyPointer(let pointer) = source, !(pointer.isEmpty || pointer.hasASCIIPrefix("/")) {
                throw Diagnostic(
                    "expected a JSON pointer starting with `/` for capture `\(member.key)`, found \"\(pointer)\"",
                    at: member.value.location, hint: "for a header, write {\"header\": \"\(pointer)\"}")
            }
            result.append(Capture(name: member.key, source: source, secret: secret, location: member.value.location))
        }
        return result
    }
}
