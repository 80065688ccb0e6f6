import Foundation

/// Judges `expect.asserts`: runs each query against the response and tests its predicate. A
/// failure names the query, the predicate and what the query found. Pure, and redacted: a value
/// found in the response may be a secret the target echoed.
enum AssertionChecker {
    static func check(
        _ assertions: [ResponseAssertion], response: HTTPResponse, timings: TransferTimings, redactor: Redactor,
        describesPasses: Bool = true
    ) -> [CheckResult] {
        guard !assertions.isEmpty else { return [] }
        // Parsed at most once, and only when a JSONPath query needs it.
        var parsedBody: Result<JSONValue, Diagnostic>?
        func body() -> Result<JSONValue, Diagnostic> {
            if let parsedBody { return parsedBody }
            let result: Result<JSONValue, Diagnostic>
            do { result = .success(try BodyJSON.parse(response)) } catch { result = .failure(error) }
            parsedBody = result
            return result
        }
        var results: [CheckResult] = []
        results.reserveCapacity(assertions.count)
        for assertion in assertions {
            let subject = assertion.query.description
            var found: JSONValue?
            switch assertion.query {
            case .jsonPath(let query):
                switch body() {
                case .failure(let problem):
                    results.append(
                        .fail(
                            "assert",
                            redactor.redact(
                                "\(subject): expected \(assertion.predicate.description), but the body is not JSON (\(problem.message))"
                            ),
                            subject: subject, at: assertion.location))
                    continue
                case .success(let document):
                    let nodes = query.select(in: document)
                    if query.isSingular {
                        found = nodes.first
                    } else if nodes.isEmpty, case .exists = assertion.predicate.positive {
                        // `exists` is RFC 9535's existence test: a query that selects no node finds
                        // nothing (Hurl counts its empty list as something, so a filter that
                        // matched no item passed `exists: true`).
                        found = nil
                    } else {
                        found = .array(nodes)
                    }
                }
            case .header(let name):
                // As Hurl's `header` query: the value of one field, the list of values of several.
                let values = response.headers.values(name)
                found = values.count > 1 ? .array(values.map(JSONValue.string)) : values.first.map(JSONValue.string)
            case .cookie(let name): found = SetCookie.value(of: name, in: response.headers).map(JSONValue.string)
            case .cookieAttribute(let name, let attribute):
                found = SetCookie.all(in: response.headers).last { $0.name == name }.flatMap {
                    Self.value(of: attribute, in: $0)
                }
                // As Hurl's `cookie "sid[Secure]" exists`: a flag that is not set does not exist
                // (`== false` still finds it false), so `exists: true` does not pass a cookie without it.
                if case .exists = assertion.predicate.positive, found == .bool(false) { found = nil }
            case .status: found = .number(JSONNumber(response.status))
            case .duration: found = .number(JSONNumber(text: (Double(timings.total) / 1000).fixed(1)))
            case .body: found = .string(BodyText.decode(response))
            case .regex(let regex):
                found = regex.firstCapture(in: BodyText.decode(response)).map(JSONValue.string)
            }
            if assertion.predicate.holds(for: found) {
                results.append(
                    .pass(
                        "assert", redactor.redact("\(subject) \(assertion.predicate.description)"), subject: subject,
                        at: assertion.location, described: describesPasses))
            } else {
                results.append(
                    .fail(
                        "assert",
                        redactor.redact(
                            "\(subject): expected \(assertion.predicate.description), found \(describe(found, for: assertion.predicate, shown: Self.masked(found, for: assertion.query, redactor: redactor)))"
                                + Self.listHint(assertion, found: found)
                        ), subject: subject, at: assertion.location))
            }
        }
        return results
    }

    /// What a failure may quote of a value found in a header that is always masked (`Set-Cookie`,
    /// `Authorization`, … keep their scheme only), as the exchange shows them: a session token is
    /// not printed because an assertion on the header failed.
    static func masked(_ found: JSONValue?, for query: ResponseQuery, redactor: Redactor) -> JSONValue? {
        switch (query, found) {
        case (.header(let name), .string(let value)?) where Redactor.isSensitive(header: name):
            return .string(redactor.redactHeader(name: name, value: value))
        case (.header(let name), .array(let values)?) where Redactor.isSensitive(header: name):
            return .array(
                values.map {
                    guard case .string(let value) = $0 else { return $0 }
                    return .string(redactor.redactHeader(name: name, value: value))
                })
        default: return nil
        }
    }

    /// Why `==` a single value failed on the one-item list a filter found: the query may select
    /// several nodes, so it finds a list (as in Hurl), which a singular path would not.
    static func listHint(_ assertion: ResponseAssertion, found: JSONValue?) -> String {
        guard case .jsonPath(let query) = assertion.query, !query.isSingular,
            case .equals(let expected) = assertion.predicate, case .array(let items)? = found, items.count == 1
        else { return "" }
        if case .array = expected.written { return "" }
        return "; this query may select several nodes, so it finds a list: compare with [\(expected)]"
    }

    /// One attribute of a cookie as a query finds it; nil when the field does not carry it.
    static func value(of attribute: CookieAttribute, in cookie: SetCookie) -> JSONValue? {
        switch attribute {
        case .value: .string(cookie.value)
        case .secure: .bool(cookie.secure)
        case .httpOnly: .bool(cookie.httpOnly)
        case .sameSite: cookie.sameSite.map(JSONValue.string)
        case .maxAge: cookie.maxAge.map { .number(JSONNumber($0)) }
        case .expires: cookie.expires.map(JSONValue.string)
        case .path: cookie.path.map(JSONValue.string)
        case .domain: cookie.domain.map(JSONValue.string)
        }
    }

    /// What the query found, as a failure message shows it; sizes are named for `count` and `isEmpty`.
    static func describe(_ value: JSONValue?, for predicate: QueryPredicate, shown: JSONValue? = nil) -> String {
        guard let value else { return "nothing" }
        var text = (shown ?? value).abbreviated()
        if let mismatch = predicate.mismatch(for: value) { return "\(text) (\(value.typeName); \(mismatch))" }
        var inner = predicate
        if case .not(let negated) = inner { inner = negated }
        switch inner {
        case .count, .isEmpty:
            if let size = QueryPredicate.size(of: value) { text = "\(size) (\(text))" }
        default: break
        }
        return text
    }
}
