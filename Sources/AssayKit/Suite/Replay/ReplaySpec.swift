/// A case's `replay` block: the idempotent-replay contract of
/// draft-ietf-httpapi-idempotency-key-header. The case's request is sent `times` times
/// with one key; the answers must be the same result. Optionally: the key reused with a
/// different body, concurrent duplicates, and expiry after a TTL.
public struct ReplaySpec: Sendable {
    /// The header that marks a response as a replay (a vendor convention; the draft defines none).
    public struct Marker: Sendable, Hashable {
        public var header: String
        public var value: String

        /// The common `Idempotent-Replayed: true`.
        public static let standard = Marker(header: "Idempotent-Replayed", value: "true")
    }

    /// What the same key with a different body must get.
    public struct Mismatch: Sendable {
        /// Default 422, as the draft says.
        public var status = StatusExpectation(patterns: [.code(422)], location: nil)
        public var envelope = ErrorEnvelope.openai
        /// The different body to send; by default the request's JSON object plus an `assay_probe` member.
        public var body: JSONValue?
    }

    /// How bodies of replays are compared.
    public enum BodyCompare: String, Sendable, CaseIterable {
        /// Semantically as JSON (key order and number spelling ignored); non-JSON bodies compare as bytes.
        case json
        /// Byte for byte.
        case bytes
    }

    /// The key header's name.
    public var header = "Idempotency-Key"
    /// A fixed key (may use `${variables}`); by default a fresh UUID per run.
    public var key: String?
    /// Whether the key is sent as a Structured-Field String (`"…"`), as the draft writes it.
    public var quoted = false
    /// How many sequential requests share the key (the first plus `times - 1` replays).
    public var times = 2
    /// Body members that may differ between replays (JSON pointers).
    public var volatile: [JSONPointer] = []
    /// Response headers that must be byte-identical between replays.
    public var headers = ["Content-Type"]
    public var compare = BodyCompare.json
    /// Required on every replay (and absent from the first answer to a fresh key); nil turns it off.
    public var marker: Marker? = .standard
    /// The reused-key-different-body check; nil turns it off.
    public var mismatch: Mismatch? = Mismatch()
    /// How many duplicates to fire at once with a second fresh key; nil turns it off.
    public var concurrent: Int?
    /// How long the target keeps a key; when set, the key must give a fresh answer after it.
    public var ttlMs: Int?
    /// Where the block was written.
    public var location: SourceLocation?
    /// Options written with suite variables, decoded by the plan.
    var pending: PendingOptions?

    /// Cases that wait out a TTL are exclusive: no other request overlaps theirs (a stored key must
    /// not be disturbed), while other cases may send during the wait itself (`SchedulerClock`).
    public var runsExclusively: Bool { ttlMs != nil }

    /// The default block (`"replay": true`).
    public init(location: SourceLocation? = nil) { self.location = location }
}
