/// "Did you mean …?" suggestions for misspelled names (suite keys, matcher names).
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, ignoring case, or nil when none is close.
    /// A candidate is close when it is within about a third of the word's length in edits
    /// (at least 2), or when one is a prefix of the other (`bool` → `boolean`).
    public static func nearest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        guard !target.isEmpty else { return nil }
        let threshold = max(2, target.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let lowered = candidate.lowercased()
            let scalars = Array(lowered.unicodeScalars)
            var distance = editDistance(target, scalars)
            let prefixed =
                target.count >= 3 && (lowered.hasPrefix(word.lowercased()) || word.lowercased().hasPrefix(lowered))
            if prefixed { distance = min(distance, threshold) }
            guard distance <= threshold, distance < (best?.distance ?? .max) else { continue }
            best = (candidate, distance)
        }
        return best?.candidate
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
