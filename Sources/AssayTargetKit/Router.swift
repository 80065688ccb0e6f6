/// What a route handler receives.
public struct RouteContext: Sendable {
    /// The request.
    public var request: HTTPRequest
    /// Path parameters by name, e.g. `id`.
    public var parameters: [String: String]
    /// Who the request acts for.
    public var principal: Principal
}

/// One endpoint: method, path template, required scope and handler.
public struct Route: Sendable {
    /// The method, e.g. `POST`.
    public var method: String
    /// The path template, e.g. `/v1/models/{id}`.
    public var template: String
    /// The scope a token needs; nil for unauthenticated routes outside `/v1`.
    public var scope: Scope?
    /// Answers the request.
    public var handler: @Sendable (RouteContext) -> Reply

    /// Creates a route.
    public init(
        _ method: String, _ template: String, scope: Scope?, handler: @escaping @Sendable (RouteContext) -> Reply
    ) {
        self.method = method
        self.template = template
        self.scope = scope
        self.handler = handler
    }

    /// The `METHOD template` key used for rate-limit buckets and metrics.
    public var key: String { "\(method) \(template)" }
}

/// The outcome of matching a method and path against the route table.
public enum RouteMatch: Sendable {
    /// A route and its path parameters.
    case found(Route, [String: String])
    /// The path exists with other methods.
    case methodNotAllowed(allowed: [String], template: String)
    /// No route has this path.
    case notFound
}

/// Matches requests against path templates with `{name}` segments; pure.
public struct Router: Sendable {
    /// The routes, in declaration order.
    public var routes: [Route]

    /// Creates a router.
    public init(routes: [Route]) { self.routes = routes }

    /// Finds the route for a method and path.
    public func match(method: String, path: String) -> RouteMatch {
        let segments = Self.segments(path)
        var allowed: [String] = []
        var allowedTemplate = ""
        for route in routes {
            guard let parameters = Self.bind(Self.segments(route.template), to: segments) else { continue }
            if route.method == method { return .found(route, parameters) }
            allowed.append(route.method)
            allowedTemplate = route.template
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed, template: allowedTemplate)
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 }
    }

    private static func bind(_ template: [Substring], to path: [Substring]) -> [String: String]? {
        guard template.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        for (pattern, actual) in zip(template, path) {
            if pattern.hasPrefix("{") && pattern.hasSuffix("}") {
                guard !actual.isEmpty else { return nil }
                parameters[String(pattern.dropFirst().dropLast())] = String(actual).removingPercentEncodingSafely
            } else if pattern != actual {
                return nil
            }
        }
        return parameters
    }
}

extension String {
    /// The percent-decoded text, or the text itself when it is not valid percent-encoding.
    var removingPercentEncodingSafely: String { removingPercentEncoding ?? self }
}
