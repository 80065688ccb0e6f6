/// Turns a parsed suite file into a `Suite`, rejecting unknown keys and wrong types
/// with `file:line:column` and a suggestion. Pure: no I/O.
public enum SuiteDecoder {
    /// Parses and decodes a suite file's text. Each case is decoded as soon as the parser has read
    /// it, while its nodes are fresh in the cache, and its nodes are freed before the next case is
    /// parsed, so the whole tree never exists (the memory of one case's nodes is reused by the next).
    /// Errors come in the same order as from `decode(_:file:)`: a syntax error anywhere first, then
    /// the suite's own keys, then the first case that does not decode.
    public static func decode(source text: String, file: String, splices: JSONSplices = JSONSplices())
        throws(Diagnostic) -> Suite
    {
        let cases = CaseCollector(splices: splices)
        let root = try JSONParser.parseNode(text, file: file, streaming: "cases") { node in cases.add(node) }
        return try decode(root, streamedCases: cases, file: file)
    }

    /// Decodes a suite file's bytes as `decode(source:file:)` does; invalid UTF-8 in a string is an error at that string.
    static func decode(bytes: UnsafeBufferPointer<UInt8>, file: String, splices: JSONSplices = JSONSplices())
        throws(Diagnostic) -> Suite
    {
        let cases = CaseCollector(splices: splices)
        let root = try JSONParser.parseNode(bytes: bytes, file: file, streaming: "cases") { node in cases.add(node) }
        return try decode(root, streamedCases: cases, file: file)
    }

    /// The suite around the cases the parser streamed to `cases`.
    private static func decode(_ root: JSONNode, streamedCases cases: CaseCollector, file: String) throws(Diagnostic)
        -> Suite
    {
        var (suite, caseNodes) = try decodeHeader(root, file: file, splices: cases.splices)
        // Empty: the parser streams any array under the root's `cases`, and the header rejects other
        // kinds. Decoded anyway, so that no way through here can drop a case.
        for node in caseNodes { cases.add(node) }
        if let problem = cases.problem { throw problem }
        suite.cases = cases.decoded
        suite.sharesCookiesInFileOrder()
        return suite
    }

    /// Decodes a whole suite document. Given the only reference to the tree (`consume`), it frees
    /// each case's nodes as soon as that case is decoded.
    public static func decode(_ root: consuming JSONNode, file: String, splices: JSONSplices = JSONSplices())
        throws(Diagnostic) -> Suite
    {
        let location = root.location
        var (suite, caseNodes) = try decodeHeader(consume root, file: file, splices: splices)
        let cases = CaseCollector(splices: splices)
        cases.decoded.reserveCapacity(caseNodes.count)
        for index in caseNodes.indices {
            // Taken out of the list, the case's nodes go when `node` does, at the end of this iteration.
            let node = caseNodes[index]
            caseNodes[index] = JSONNode(location: location, kind: .null)
            cases.add(node)
            if let problem = cases.problem { throw problem }
        }
        suite.cases = cases.decoded
        suite.sharesCookiesInFileOrder()
        return suite
    }

    /// Decodes cases one at a time, in file order, until the first that fails (kept as `problem`).
    /// A class: the streaming parser's item handler adds to it while the parse goes on.
    private final class CaseCollector {
        var decoded: [TestCase] = []
        private(set) var problem: Diagnostic?
        /// Names seen so far with their position: a linear search per case would be quadratic in the file.
        private var firstByName: [String: SourceLocation] = [:]
        /// The config's JSON-valued variables, put in place before each case is decoded.
        let splices: JSONSplices

        init(splices: JSONSplices) { self.splices = splices }

        func add(_ node: consuming JSONNode) {
            guard problem == nil else { return }
            do throws(Diagnostic) {
                let testCase = try decodeCase(splices.isEmpty ? node : splices.splice(node))
                if let earlier = firstByName.updateValue(testCase.location, forKey: testCase.name) {
                    throw Diagnostic(
                        "duplicate case name \"\(testCase.name)\" (first defined at \(earlier.line):\(earlier.column))",
                        at: testCase.location)
                }
                // Moved, not copied: a copy would retain every string and list of the case.
                decoded.append(consume testCase)
            } catch {
                problem = error
            }
        }
    }

    /// Everything but the cases, and the case nodes; the rest of the tree is released on return.
    private static func decodeHeader(_ written: JSONNode, file: String, splices: JSONSplices) throws(Diagnostic)
        -> (Suite, [JSONNode])
    {
        var root = written
        if !splices.isEmpty, case .object(let members) = written.kind {
            var spliced: [JSONMember] = []
            for member in members {
                var copy = member
                // Cases are spliced one by one as they are decoded.
                if member.key != "cases" { copy.value = try splices.splice(member.value) }
                spliced.append(copy)
            }
            root.kind = .object(spliced)
        }
        var reader = try NodeReader(root, context: "suite")
        reader.allow(
            "$schema", "name", "description", "tags", "variables", "secrets", "defaults", "trace", "cookieJar", "cases",
            "openapi")
        try reader.finish()
        let secretNames = try reader.strings("secrets")
        let variables = try decodeVariables(reader.member("variables"), secretNames: secretNames)
        for name in secretNames where !variables.contains(where: { $0.name == name }) {
            throw Diagnostic(
                "`secrets` names `\(name)`, which is not a declared variable", at: reader.member("secrets")?.location,
                hint: Suggestion.nearest(to: name, among: variables.map(\.name)).map { "did you mean `\($0)`?" })
        }
        let defaults = try decodeDefaults(reader.reader("defaults", context: "defaults"))
        guard let casesNode = reader.member("cases") else {
            throw Diagnostic("suite is missing required key `cases`", at: root.location)
        }
        guard case .array(let caseNodes) = casesNode.kind else {
            throw Diagnostic(
                "expected `cases` to be a list of cases, found \(casesNode.kindName)", at: casesNode.location)
        }
        let defaultName = file.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? file
        var suite = Suite(
            name: try reader.string("name") ?? defaultName, description: try reader.string("description"),
            tags: try reader.strings("tags"), variables: variables, defaults: defaults,
            trace: try decodeTrace(reader.member("trace")),
            traceNode: reader.member("trace").flatMap { $0.containsVariableReference ? $0 : nil }, cases: [],
            file: file,
            location: root.location)
        suite.cookieJar = try reader.choice("cookieJar", as: CookieJarScope.self) ?? .case
        suite.validatesOpenAPI = try reader.bool("openapi") ?? true
        return (suite, caseNodes)
    }

    /// Variables: `"name": "value"`, a number or boolean, or `{"value": …, "secret": true}`. With
    /// `allowsJSON` (a config file), an array, null, any other object, or a `value` that is not a
    /// string is a JSON-valued variable, spliced whole where a suite writes exactly `"${name}"`.
    static func decodeVariables(_ node: JSONNode?, secretNames: [String], allowsJSON: Bool = false)
        throws(Diagnostic) -> [VariableDefinition]
    {
        guard let node else { return [] }
        guard case .object(let members) = node.kind else {
            throw Diagnostic("expected `variables` to be an object, found \(node.kindName)", at: node.location)
        }
        var result: [VariableDefinition] = []
        for member in members {
            guard VariableName.isValid(member.key) else {
                throw Diagnostic(
                    "invalid variable name `\(member.key)`; use letters, digits, `_`, `-` and `.`",
                    at: member.keyLocation)
            }
            var secret = secretNames.contains(member.key)
            var value = ""
            var json: JSONNode?
            switch member.value.kind {
            case .string(let text): value = text
            case .number(let number): value = number.text
            case .bool(let flag): value = String(flag)
            case .object(let keys)
            where !keys.isEmpty && keys.allSatisfy({ $0.key == "value" || $0.key == "secret" }) || !allowsJSON:
                var reader = try NodeReader(member.value, context: "variable `\(member.key)`")
                reader.allow("value", "secret")
                try reader.finish()
                secret = try reader.bool("secret") ?? secret
                guard let inner = reader.member("value") else {
                    throw Diagnostic(
                        "variable `\(member.key)` is missing required key `value`", at: member.value.location)
                }
                switch inner.kind {
                case .string(let text): value = text
                case _ where allowsJSON: json = inner
                default: value = try reader.requiredString("value")
                }
            case .object, .array, .null:
                guard allowsJSON else { fallthrough }
                json = member.value
            default:
                throw Diagnostic(
                    "expected variable `\(member.key)` to be a string, number, boolean or {\"value\", \"secret\"}, found \(member.value.kindName)",
                    at: member.value.location,
                    hint: allowsJSON ? nil : "JSON-valued variables (objects, lists) belong in the config file")
            }
            result.append(
                VariableDefinition(
                    name: member.key, value: value, secret: secret, location: member.value.location, node: json))
        }
        return result
    }

    static func decodeDefaults(_ reader: NodeReader?) throws(Diagnostic) -> SuiteDefaults {
        guard var reader else { return SuiteDefaults() }
        reader.allow("headers", "timeouts", "compare", "tls")
        try reader.finish()
        var defaults = SuiteDefaults()
        defaults.headers = try decodeHeaders(reader.member("headers"), key: "headers")
        (defaults.connectTimeoutMs, defaults.totalTimeoutMs) = try decodeTimeouts(
            reader.reader("timeouts", context: "timeouts"))
        defaults.compare = try reader.choice("compare", as: CompareMode.self)
        defaults.tls = try decodeTLS(reader.member("tls"))
        return defaults
    }

    static func decodeTimeouts(_ reader: NodeReader?) throws(Diagnostic) -> (Int?, Int?) {
        guard var reader else { return (nil, nil) }
        reader.allow("connect", "total")
        try reader.finish()
        return (try positive(reader, "connect"), try positive(reader, "total"))
    }

    /// A timeout of 0 would tell libcurl "no limit", so it is refused where it is written.
    private static func positive(_ reader: NodeReader, _ key: String) throws(Diagnostic) -> Int? {
        guard let value = try reader.milliseconds(key) else { return nil }
        if value == 0, let node = reader.member(key) {
            throw Diagnostic(
                "expected `timeouts.\(key)` to be more than 0; a timeout of 0 would mean no limit", at: node.location)
        }
        return value
    }

    /// Headers as an object of name → string; `null` removes an inherited default.
    static func decodeHeaders(_ node: JSONNode?, key: String) throws(Diagnostic) -> [HeaderTemplate] {
        guard let node else { return [] }
        guard case .object(let members) = node.kind else {
            throw Diagnostic(
                "expected `\(key)` to be an object of header names to values, found \(node.kindName)", at: node.location
            )
        }
        var result: [HeaderTemplate] = []
        for member in members {
            try HeaderName.validate(member.key, at: member.keyLocation)
            switch member.value.kind {
            case .string(let value):
                result.append(HeaderTemplate(name: member.key, value: value, location: member.value.location))
            case .null:
                result.append(
                    HeaderTemplate(name: member.key, value: HeaderTemplate.removed, location: member.value.location))
            default:
                throw Diagnostic(
                    "expected header `\(member.key)` to be a string (or null to remove a default), found \(member.value.kindName)",
                    at: member.value.location)
            }
        }
        return result
    }
}

extension HeaderTemplate {
    /// Marks a header a case removes from the suite defaults (written as `null`).
    static let removed = "\u{0}assay-removed"
}

/// Rules for names a suite may declare as variables.
enum VariableName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix("env:")
            && name.unicodeScalars.allSatisfy {
                // ASCII first: the Unicode property lookup is the slow path.
                $0.isASCII
                    ? HeaderName.isASCIIAlphanumeric($0) || $0 == "_" || $0 == "-" || $0 == "."
                    : $0.properties.isAlphabetic
            }
    }
}

/// RFC 9110 token rules for header names, so a typo is caught before any request is sent.
enum HeaderName {
    static func validate(_ name: String, at location: SourceLocation) throws(Diagnostic) {
        // Over the bytes in place: iterating `utf8` costs several times as much per byte.
        var bytes = name
        let valid = !name.isEmpty && bytes.withUTF8 { $0.allSatisfy(isTokenByte) }
        if !valid { throw Diagnostic("invalid header name `\(name)`: expected an RFC 9110 token", at: location) }
    }

    /// `tchar` of RFC 9110: ASCII letters, digits and ``!#$%&'*+-.^_`|~``.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// `a.lowercased() == b.lowercased()` without building either string when both are ASCII
    /// (header names are RFC 9110 tokens, so always in practice).
    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        guard isASCII(a), isASCII(b) else { return a.lowercased() == b.lowercased() }
        return a.equalsIgnoringASCIICase(b)
    }

    private static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in !bytes.contains { $0 >= 0x80 } }
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: false
        }
    }
}
