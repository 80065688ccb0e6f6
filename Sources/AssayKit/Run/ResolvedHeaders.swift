/// A suite's default headers resolved once, with the values of the variables they read. A request
/// reuses them while its scope gives those variables the same values (a capture may change one),
/// instead of interpolating each default header (typically `Authorization: Bearer ${token}`) again
/// for every request.
struct ResolvedHeaders: Sendable {
    let headers: [HTTPHeader]
    private let bindings: [VariableScope.Binding]

    /// Nil when a header cannot be resolved in `scope` (the request then reports why) or uses
    /// `${uuid}`, which must be new in every request.
    init?(_ templates: [HeaderTemplate], scope: VariableScope) {
        var headers: [HTTPHeader] = []
        var bindings: [VariableScope.Binding] = []
        for template in templates {
            var value: String?
            if template.value != HeaderTemplate.removed {
                guard let (resolved, used) = scope.resolveReusably(template.value) else { return nil }
                value = resolved
                bindings += used
            }
            RequestBuilder.add(template.name, value: value, to: &headers)
        }
        self.headers = headers
        self.bindings = bindings
    }

    /// Whether these headers are what resolving the templates in `scope` would give.
    func hold(in scope: VariableScope) -> Bool {
        scope.holds(bindings)
    }
}
