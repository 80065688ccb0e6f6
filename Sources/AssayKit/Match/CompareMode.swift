/// How strictly an actual JSON value must follow the expected one.
public enum CompareMode: String, Sendable, Codable, CaseIterable {
    /// Every expected member must be present and no other member may appear, at every depth.
    case exact
    /// Every expected member must be present; extra members are allowed at every depth (Postel).
    case subset
}
