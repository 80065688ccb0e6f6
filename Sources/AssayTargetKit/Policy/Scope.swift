/// A permission a token may carry; each `/v1` route requires exactly one.
public enum Scope: String, CaseIterable, Sendable, Comparable {
    case modelsRead = "models:read"
    case responsesWrite = "responses:write"
    case chatWrite = "chat:write"
    case embeddingsWrite = "embeddings:write"
    case dreamsWrite = "dreams:write"
    case indexesRead = "indexes:read"
    case indexesWrite = "indexes:write"

    /// Orders scopes by name.
    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Whether anonymous requests are served.
public enum PolicyMode: String, Sendable, CaseIterable {
    /// Every `/v1` request needs a valid bearer token with the route's scope.
    case strict
    /// Anonymous requests are served; a presented invalid token still gets 401.
    case permissive
}

/// A bearer token and the scopes it grants.
public struct TokenGrant: Sendable, Equatable {
    /// The secret sent as `Authorization: Bearer <token>`.
    public var token: String
    /// The scopes granted.
    public var scopes: Set<Scope>

    /// Creates a grant.
    public init(token: String, scopes: Set<Scope>) {
        self.token = token
        self.scopes = scopes
    }

    /// Parses `TOKEN` (every scope) or `TOKEN=scope,scope`.
    public static func parse(_ spec: String) throws(OptionsError) -> TokenGrant {
        let parts = spec.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let token = String(parts[0])
        guard !token.isEmpty, !token.contains(" ") else {
            throw OptionsError("--token expects TOKEN[=scope,scope], got '\(spec)'")
        }
        guard parts.count == 2 else { return TokenGrant(token: token, scopes: Set(Scope.allCases)) }
        var scopes: Set<Scope> = []
        for name in parts[1].split(separator: ",") {
            guard let scope = Scope(rawValue: name.trimmed) else {
                let known = Scope.allCases.map(\.rawValue).joined(separator: ", ")
                throw OptionsError("unknown scope '\(name)' in --token; expected one of \(known)")
            }
            scopes.insert(scope)
        }
        return TokenGrant(token: token, scopes: scopes)
    }
}
