/// One entry of `expect.asserts`: a query into the response and the predicate its value must
/// satisfy, e.g. `{"jsonpath": "$.data[*].id", "count": 3}` or `{"query": "duration", "<=": 500}`.
public struct ResponseAssertion: Sendable {
    public var query: ResponseQuery
    public var predicate: QueryPredicate
    /// The predicate's operand as written, kept when it uses `${variables}` (resolved per step).
    var operandTemplate: PredicateTemplate?
    public var location: SourceLocation?
}

/// Where an assertion looks in the response.
public enum ResponseQuery: Sendable, CustomStringConvertible {
    /// RFC 9535 JSONPath into the JSON body: a singular query (`$.a.b[0]`) finds a value or
    /// nothing; any other query finds the list of the nodes it selects.
    case jsonPath(JSONPathQuery)
    /// The first field of a header, as text.
    case header(String)
    /// A cookie's value from the `Set-Cookie` fields.
    case cookie(String)
    /// One attribute of the cookie a `Set-Cookie` field sets: `"cookie": "session[HttpOnly]"`.
    case cookieAttribute(String, CookieAttribute)
    /// The status code, as a number.
    case status
    /// The exchange's total time in milliseconds, as a number.
    case duration
    /// The body as text.
    case body
    /// The first capture group of a regular expression's first match in the body (the whole
    /// match when it has no group); nothing when it does not match.
    case regex(CompiledRegex)

    public var description: String {
        switch self {
        case .jsonPath(let query): "jsonpath \(query.text)"
        case .header(let name): "header \(name)"
        case .cookie(let name): "cookie \(name)"
        case .cookieAttribute(let name, let attribute): "cookie \(name)[\(attribute.rawValue)]"
        case .status: "status"
        case .duration: "duration"
        case .body: "body"
        case .regex(let regex): "regex /\(regex.pattern)/"
        }
    }
}

/// A predicate whose operand uses `${variables}`: the key and the operand, rebuilt once resolved.
struct PredicateTemplate: Sendable {
    var key: String
    var operand: JSONNode
    var negated: Bool
}

/// The `Set-Cookie` attributes an assertion may query, spelt as Hurl and RFC 6265 spell them.
/// `Secure` and `HttpOnly` are true or false; `Max-Age` is a number; the rest are text as written.
/// An attribute the field does not carry finds nothing (so `exists: false` holds).
public enum CookieAttribute: String, Sendable, CaseIterable {
    case value = "Value"
    case secure = "Secure"
    case httpOnly = "HttpOnly"
    case sameSite = "SameSite"
    case maxAge = "Max-Age"
    case expires = "Expires"
    case path = "Path"
    case domain = "Domain"
}
