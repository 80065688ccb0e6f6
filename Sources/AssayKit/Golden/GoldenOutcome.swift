import Foundation

/// A response body to check against a golden file.
public enum GoldenBody: Sendable {
    case json(JSONValue)
    case text(String)
}

/// The verdict of one golden check. Mismatches and a missing golden are failures of the case;
/// `.invalid` means the check could not run (a suite error).
public enum GoldenOutcome: Sendable {
    /// The body matches the golden.
    case matched
    /// The body differs; the list is bounded like `JSONComparator.compare`.
    case mismatched([Mismatch])
    /// No golden exists and the record mode is `never`.
    case missing(URL)
    /// The golden was written (created or rewritten).
    case recorded(URL)
    /// The golden path, file or record mode is wrong, or the file could not be written.
    case invalid([Diagnostic])
}
