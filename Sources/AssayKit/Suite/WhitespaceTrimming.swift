import Foundation

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (`CharacterSet.whitespaces`), without
    /// Foundation's trimming work when there is nothing to trim, which is nearly always.
    func trimmingWhitespace() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
            CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last)
        else { return String(self) }
        return trimmingCharacters(in: .whitespaces)
    }
}
