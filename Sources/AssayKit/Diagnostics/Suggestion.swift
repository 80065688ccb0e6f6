/// "Did you mean …?" suggestions for misspelled names (suite keys, matcher names, variables).
///
/// Suggestions run only on errors, but a hostile or generated suite can make thousands of errors
/// against thousands of names, or misspell a key a megabyte long. So the work is bounded: words
/// longer than `maximumWordLength` get no suggestion, and one search compares at most
/// `maximumCells` edit-distance cells. Callers that may report many errors cap how many get a
/// suggestion at all (`hintsPerBatch`), so the total stays linear in the input.
public enum Suggestion {
    /// Longer words are not names anyone misspelled by a letter or two.
    public static let maximumWordLength = 64
    /// The edit-distance cells one search may compute (≈ 4,000 candidates of a 5-letter name);
    /// the best candidate found within them is the answer.
    static let maximumCells = 100_000
    /// How many errors of one batch (a file's variables, a case's references) get a suggestion.
    public static let hintsPerBatch = 20

    /// The candidate closest to `word` by edit distance, ignoring case, or nil when none is close.
    /// A candidate is close when it is within about a third of the word's length in edits
    /// (at least 2), or when one is a prefix of the other (`bool` → `boolean`).
    public static func nearest(to word: String, among candidates: some Sequence<String>) -> String? {
        search(word, among: candidates).match
    }

    /// The search behind `nearest`, with the number of edit-distance cells it computed.
    static func search(_ word: String, among candidates: some Sequence<String>) -> (match: String?, cells: Int) {
        guard word.utf8.count <= maximumWordLength * 4 else { return (nil, 0) }
        let loweredWord = word.lowercased()
        let target = Array(loweredWord.unicodeScalars)
        guard !target.isEmpty, target.count <= maximumWordLength else { return (nil, 0) }
        let threshold = max(2, target.count / 3)
        var best: (candidate: String, distance: Int)?
        var cells = 0
        for candidate in candidates {
            guard candidate.utf8.count <= maximumWordLength * 4 else { continue }
            let lowered = candidate.lowercased()
            let scalars = Array(lowered.unicodeScalars)
            let prefixed =
                target.count >= 3 && (lowered.hasPrefix(loweredWord) || loweredWord.hasPrefix(lowered))
            var distance: Int
            if abs(scalars.count - target.count) > threshold {
                // The distance is at least the difference in length: too far, unless a prefix.
                guard prefixed else { continue }
                distance = threshold
            } else {
                if cells >= maximumCells { break }
                cells += scalars.count * target.count
                distance = editDistance(target, scalars)
                if prefixed { distance = min(distance, threshold) }
            }
            guard distance <= threshold, distance < (best?.distance ?? .max) else { continue }
            best = (candidate, distance)
        }
        return (best?.candidate, cells)
    }

    /// Levenshtein distance with one rolling row.
    static func editDistance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var row = Array(0...rhs.count)
        for (i, left) in lhs.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, right) in rhs.enumerated() {
                let above = row[j + 1]
                row[j + 1] = min(above + 1, row[j] + 1, diagonal + (left == right ? 0 : 1))
                diagonal = above
            }
        }
        return row[rhs.count]
    }
}
