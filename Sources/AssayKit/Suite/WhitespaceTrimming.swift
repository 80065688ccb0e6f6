import Foundation

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (`CharacterSet.whitespaces`), without
    /// Foundation's trimming work when there is nothing to trim, which is nearly always.
    func trimmingWhitespace() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        // ASCII at both ends and neither a space nor a tab: nothing to trim, and no need to ask
        // Foundation's CharacterSet, which costs more than the rest of resolving a `${name}`.
        func plain(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && scalar != " " && scalar != "\t" }
        if plain(first) && plain(last) { return String(self) }
        return trimmingCharacters(in: .whitespaces)
    }
}
