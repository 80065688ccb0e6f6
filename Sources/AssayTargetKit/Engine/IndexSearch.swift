/// Ranks documents by the share of query words they contain; pure and deterministic.
public enum IndexSearch {
    /// One ranked document.
    public struct Hit: Sendable, Equatable {
        /// The document.
        public var document: IndexStore.Document
        /// Matched query words divided by query words, in 0...1.
        public var score: Double
    }

    /// Documents with at least one matching word, best first, ties in document order.
    public static func rank(query: String, documents: [IndexStore.Document]) -> [Hit] {
        let words = Set(tokens(query))
        guard !words.isEmpty else { return [] }
        let hits = documents.enumerated().compactMap { position, document -> (Int, Hit)? in
            let matched = words.intersection(tokens(document.text)).count
            guard matched > 0 else { return nil }
            return (position, Hit(document: document, score: Double(matched) / Double(words.count)))
        }
        return hits.sorted { $0.1.score != $1.1.score ? $0.1.score > $1.1.score : $0.0 < $1.0 }.map(\.1)
    }

    static func tokens(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
