/// How an expected array matches an actual one (`"arrays"` beside `compare`). Independent of the
/// compare mode, which says what extra object members mean.
public enum ArrayMatching: String, Sendable, Codable, CaseIterable {
    /// Same length, element by element (the default).
    case exact
    /// The expected items match the first actual items, in order; more items may follow.
    case prefix
    /// Each expected item matches a different actual item, in any order; other items may appear.
    case contains
}
