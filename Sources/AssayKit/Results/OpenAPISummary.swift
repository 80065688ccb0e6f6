/// What `--openapi` did with the run's exchanges. An exchange that matches no operation, or whose
/// status lies outside the validated ones (`validate: success`), gets no `openapi` check at all:
/// a passing check would claim a validation that never happened. They are counted here instead,
/// so the run still says how much of its traffic the description covered.
public struct OpenAPISummary: Sendable, Codable, Equatable {
    /// The description's file or URL.
    public var spec: String
    /// Exchanges matched to an operation and validated (whether or not they fit).
    public var validated = 0
    /// Exchanges no operation of the description matches.
    public var unmatched = 0
    /// Exchanges matched to an operation whose status is outside the validated ones.
    public var outsideScope = 0

    public init(spec: String, validated: Int = 0, unmatched: Int = 0, outsideScope: Int = 0) {
        self.spec = spec
        self.validated = validated
        self.unmatched = unmatched
        self.outsideScope = outsideScope
    }

    /// The counts of two shards of one run.
    public static func + (left: OpenAPISummary, right: OpenAPISummary) -> OpenAPISummary {
        OpenAPISummary(
            spec: left.spec, validated: left.validated + right.validated, unmatched: left.unmatched + right.unmatched,
            outsideScope: left.outsideScope + right.outsideScope)
    }

    /// One console line, e.g. `openapi: 40 exchange(s) validated against spec.yaml, 3 matched no
    /// operation, 2 outside the validated statuses`.
    public var line: String {
        var text = "openapi: \(validated) exchange(s) validated against \(spec)"
        text += ", \(unmatched) matched no operation"
        text += ", \(outsideScope) outside the validated statuses"
        return text
    }
}
