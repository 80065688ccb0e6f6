/// How demanding a run is. `strict` holds a target to the full contract and compares
/// bodies exactly; `permissive` accepts what a lenient server may legitimately do
/// (anonymous access, extra fields). Suites declare what each mode expects; Assay
/// never infers the mode from the target.
public enum PolicyMode: String, Sendable, Codable, CaseIterable {
    case strict
    case permissive

    /// The body comparison a mode implies when neither the case nor the golden says.
    public var defaultCompare: CompareMode { self == .strict ? .exact : .subset }
}
