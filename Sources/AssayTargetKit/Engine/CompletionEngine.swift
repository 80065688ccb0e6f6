/// A deterministic "model": the answer is a pure function of the prompt, split into deltas.
///
/// Chat completions and responses share it, so the same input gives the same text on both, and the
/// concatenated deltas equal the non-streamed text.
public struct CompletionEngine: Sendable {
    /// The answer for one prompt.
    public struct Answer: Sendable, Equatable {
        /// The full text.
        public var text: String
        /// The deltas; their concatenation is `text`.
        public var deltas: [String]
        /// Counted prompt tokens (whitespace-separated words).
        public var promptTokens: Int
        /// Counted completion tokens (deltas).
        public var completionTokens: Int
        /// Whether a token limit cut the answer short.
        public var truncated: Bool
    }

    private static let subjects = [
        "The river", "A lantern", "The archive", "Every harbor", "A quiet engine", "The orchard",
    ]
    private static let verbs = ["remembers", "carries", "measures", "answers", "gathers", "keeps"]
    private static let objects = [
        "the shape of the morning", "seven patient questions", "a map of small promises", "the weight of old letters",
        "every careful test", "the light between stations",
    ]
    private static let endings = [
        "before the tide turns.", "without a single error.", "as the contract says.", "for whoever asks next.",
    ]

    /// Creates the engine.
    public init() {}

    /// The answer for `prompt`, optionally with a suffix (used by the `chat-responses-diverge` fault).
    public func answer(_ prompt: String, maxTokens: Int? = nil) -> Answer {
        let hash = Self.fnv1a(prompt)
        let sentence = [
            Self.subjects[Int(hash % 6)], Self.verbs[Int((hash >> 8) % 6)], Self.objects[Int((hash >> 16) % 6)],
            Self.endings[Int((hash >> 24) % 4)],
        ].joined(separator: " ")
        var deltas: [String] = []
        for (index, word) in sentence.split(separator: " ").enumerated() {
            deltas.append(index == 0 ? String(word) : " " + word)
        }
        var truncated = false
        if let maxTokens, maxTokens > 0, maxTokens < deltas.count {
            deltas = Array(deltas.prefix(maxTokens))
            truncated = true
        }
        let promptTokens = max(1, prompt.split(whereSeparator: { $0 == " " || $0 == "\n" }).count)
        return Answer(
            text: deltas.joined(), deltas: deltas, promptTokens: promptTokens, completionTokens: deltas.count,
            truncated: truncated)
    }

    /// 64-bit FNV-1a over UTF-8: stable across runs and platforms, unlike `Hasher`.
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
