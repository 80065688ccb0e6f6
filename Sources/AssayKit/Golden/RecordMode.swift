/// When a golden file may be written, as in snapshot testing.
public enum RecordMode: String, Sendable, CaseIterable {
    /// Never write; a missing golden is a failure (the default, and the only mode CI gets implicitly).
    case never
    /// Write goldens that do not exist yet; compare the others.
    case missing
    /// Rewrite a golden when the response does not match it.
    case failed
    /// Rewrite every golden.
    case all

    /// Parses `never`, `missing`, `failed` or `all`, reporting anything else at `location`.
    public init(parsing text: String, at location: SourceLocation? = nil) throws(Diagnostic) {
        guard let mode = RecordMode(rawValue: text) else {
            let names = Self.allCases.map(\.rawValue)
            throw Diagnostic(
                "unknown record mode \(JSONWriter.quote(text)), expected one of \(names.joined(separator: ", "))",
                at: location,
                hint: Suggestion.nearest(to: text, among: names).map { "did you mean `\($0)`?" })
        }
        self = mode
    }

    /// Whether the environment says this is a CI run (`CI=true` or `CI=1`).
    public static func isCI(_ environment: [String: String]) -> Bool {
        guard let value = environment["CI"]?.lowercased() else { return false }
        return value == "true" || value == "1"
    }

    /// The mode to use: a mode that writes is refused on CI unless it was given explicitly, so a
    /// CI job never rewrites goldens because of a stray config default.
    public func checked(explicit: Bool, environment: [String: String]) throws(Diagnostic) -> RecordMode {
        guard self != .never, !explicit, Self.isCI(environment) else { return self }
        throw Diagnostic(
            "record mode '\(rawValue)' is refused on CI (CI=true) unless it is given explicitly",
            hint: "pass the record mode on the command line to record goldens on CI")
    }
}
