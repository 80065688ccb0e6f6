/// Who a request acts for: a token, or nobody (permissive mode only).
public enum Principal: Sendable, Hashable {
    /// A presented, known token.
    case token(String)
    /// No credentials.
    case anonymous

    /// A stable key for per-principal buckets and idempotency scopes.
    public var key: String {
        switch self {
        case .token(let token): "token:\(token)"
        case .anonymous: "anonymous"
        }
    }
}

/// Bearer-token auth: decides from the Authorization header, the route's scope and the mode.
public struct Auth: Sendable {
    /// Known tokens and their scopes.
    public var grants: [String: Set<Scope>]
    /// Strict or permissive.
    public var mode: PolicyMode
    /// Active faults; only the auth faults are read here.
    public var faults: Set<Fault>

    /// Creates an auth policy.
    public init(tokens: [TokenGrant], mode: PolicyMode, faults: Set<Fault>) {
        var grants: [String: Set<Scope>] = [:]
        for grant in tokens { grants[grant.token, default: []].formUnion(grant.scopes) }
        self.grants = grants
        self.mode = mode
        self.faults = faults
    }

    /// Allows the request as a principal, or answers the 401/403 envelope.
    ///
    /// `scope` is nil for unknown `/v1` routes: they need valid credentials but no particular scope,
    /// because auth runs before routing.
    public func authorize(_ authorization: String?, scope: Scope?) -> Result<Principal, ErrorEnvelope> {
        guard let authorization else {
            let anonymousAllowed =
                mode == .permissive
                ? !faults.contains(.permissiveRejectsAnonymous) : faults.contains(.strictAcceptsAnonymous)
            return anonymousAllowed
                ? .success(.anonymous)
                : .failure(noKeyProvided("No API key was provided; send it as 'Authorization: Bearer <key>'."))
        }
        let parts = authorization.trimmed.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let scheme = parts.first.map(String.init) ?? ""
        let token = parts.count > 1 ? parts[1].trimmed : ""
        guard scheme.lowercased() == "bearer" else {
            if faults.contains(.malformedSchemeAccepted), grants[token] != nil || grants[scheme] != nil {
                return check(grants[token] != nil ? token : scheme, scope: scope)
            }
            return .failure(
                noKeyProvided("The Authorization header does not use the Bearer scheme, so no API key was provided."))
        }
        guard !token.isEmpty else {
            if faults.contains(.emptyTokenAccepted) { return .success(.anonymous) }
            return .failure(noKeyProvided("The bearer token is empty, so no API key was provided."))
        }
        guard grants[token] != nil else {
            if faults.contains(.unknownTokenAccepted) { return .success(.token(token)) }
            return .failure(unauthorized("Incorrect API key provided."))
        }
        return check(token, scope: scope)
    }

    private func check(_ token: String, scope: Scope?) -> Result<Principal, ErrorEnvelope> {
        guard let scope, let granted = grants[token], !granted.contains(scope) else { return .success(.token(token)) }
        let status = faults.contains(.auth403As401) ? 401 : 403
        return .failure(
            ErrorEnvelope(
                status, "The token lacks the '\(scope.rawValue)' scope required by this route.",
                type: "permission_error", code: "insufficient_scope"))
    }

    /// A wrong key: OpenAI answers 401 with `code: "invalid_api_key"` only in this case.
    private func unauthorized(_ message: String) -> ErrorEnvelope {
        ErrorEnvelope(
            faults.contains(.auth401As400) ? 400 : 401, message, code: "invalid_api_key",
            headers: [HTTPField("WWW-Authenticate", "Bearer")])
    }

    /// No usable key at all: OpenAI answers 401 `invalid_request_error` with `code: null` (see
    /// docs/CONTRACTS.md, "Public evidence"), not `invalid_api_key`.
    private func noKeyProvided(_ message: String) -> ErrorEnvelope {
        ErrorEnvelope(
            faults.contains(.auth401As400) ? 400 : 401, message, code: nil,
            headers: [HTTPField("WWW-Authenticate", "Bearer")])
    }
}
