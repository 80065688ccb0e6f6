/// Compares a reassembled streamed answer with a golden or non-streamed one and says where they
/// first differ, so "stream text differs" always comes with a position and both sides.
public enum StreamTextComparison {
    /// nil when equal; otherwise e.g.
    /// `texts differ at character 7 (line 1, column 8): expected "…lo world", found "…lo World"`.
    public static func firstDifference(expected: String, actual: String, context: Int = 20) -> String? {
        guard expected != actual else { return nil }
        // Characters (grapheme clusters), so an accented letter is one position, as a reader counts.
        let left = Array(expected)
        let right = Array(actual)
        var index = 0
        while index < left.count, index < right.count, left[index] == right[index] { index += 1 }
        var line = 1
        var column = 1
        for character in left[..<index] {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        let position = "character \(index) (line \(line), column \(column))"
        if index == right.count {
            return
                "actual text ends early at \(position): expected it to continue \(snippet(left, from: index, context))"
        }
        if index == left.count {
            return "actual text is longer than expected from \(position): extra \(snippet(right, from: index, context))"
        }
        return
            "texts differ at \(position): expected \(snippet(left, from: index, context)), found \(snippet(right, from: index, context))"
    }

    /// A quoted window around `index`, with ellipses where it is cut.
    private static func snippet(_ text: [Character], from index: Int, _ context: Int) -> String {
        let lower = max(0, index - context / 2)
        let upper = min(text.count, index + context)
        let body = String(text[lower..<upper]).replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(lower > 0 ? "…" : "")\(body)\(upper < text.count ? "…" : "")\""
    }
}
