/// A target profile's `claims`: which clauses (and finer features) the server promises. A case
/// about something the server does not claim is skipped with the profile's reason instead of
/// failing: a false alarm costs a vendor's trust in every other verdict.
public struct ClauseClaims: Sendable {
    /// One entry as written: a clause name (`indexes` for the tag `clause:indexes`) or any tag.
    public struct Entry: Sendable {
        public var key: String
        /// Nil when claimed; otherwise why not (`false` reads as "not claimed").
        public var reason: String?
        public var location: SourceLocation
        /// False for the entry `"trace": "none"` makes: a run without the pack's trace clause is fine.
        public var mustNameATag = true
    }

    public var entries: [Entry] = []
    /// Names the skip reasons: the profile's `name`, or its file.
    public var profile: String
    public var location: SourceLocation?
    /// Whether a clause the entries do not name is unclaimed: true once a `claims` object is written
    /// (`"trace": "none"` alone names only the trace clause).
    public var listsClauses: Bool

    public init(entries: [Entry] = [], profile: String, location: SourceLocation? = nil, listsClauses: Bool = true) {
        self.entries = entries
        self.profile = profile
        self.location = location
        self.listsClauses = listsClauses
    }

    static let clausePrefix = "clause:"

    /// These claims over a base config's (`extends`): an entry here replaces the base's for its key.
    func merged(over base: ClauseClaims?) -> ClauseClaims {
        guard let base else { return self }
        var merged = self
        let mine = Set(entries.map(\.key))
        merged.entries = base.entries.filter { !mine.contains($0.key) } + entries
        merged.listsClauses = listsClauses || base.listsClauses
        return merged
    }

    /// Decodes `"claims": {"trace": true, "indexes": "no such route", "idempotency-ttl": false}`.
    static func decode(_ node: JSONNode, profile: String) throws(Diagnostic) -> ClauseClaims {
        guard case .object(let members) = node.kind else {
            throw Diagnostic(
                "expected `claims` to be an object of clause names: true, or a reason string when not claimed, found \(node.kindName)",
                at: node.location)
        }
        var claims = ClauseClaims(profile: profile, location: node.location)
        for member in members {
            let reason: String?
            switch member.value.kind {
            case .bool(true): reason = nil
            case .bool(false): reason = "not claimed"
            case .string(let text) where !text.trimmingCharacters(in: .whitespaces).isEmpty: reason = text
            default:
                throw Diagnostic(
                    "expected claim `\(member.key)` to be true, false or a non-empty reason why it is not claimed, found \(member.value.kindName)",
                    at: member.value.location)
            }
            let key = member.key.hasPrefix(clausePrefix) ? String(member.key.dropFirst(clausePrefix.count)) : member.key
            claims.entries.append(Entry(key: key, reason: reason, location: member.keyLocation))
        }
        return claims
    }

    /// Why `testCase` is skipped under these claims, or nil when the server claims everything it is about.
    /// A tag listed as not claimed skips the case; so does a clause the claims do not list.
    public func skipReason(for testCase: TestCase, in suite: Suite) -> String? {
        let tags = testCase.tags + suite.tags
        for tag in tags {
            let key = tag.hasPrefix(Self.clausePrefix) ? String(tag.dropFirst(Self.clausePrefix.count)) : tag
            if let entry = entries.first(where: { $0.key == key }), let reason = entry.reason {
                return "not claimed by profile \(profile) (`\(entry.key)`): \(reason)"
            }
        }
        for tag in tags where listsClauses && tag.hasPrefix(Self.clausePrefix) {
            let clause = String(tag.dropFirst(Self.clausePrefix.count))
            if !entries.contains(where: { $0.key == clause }) {
                return "not claimed by profile \(profile): clause `\(clause)` is not in its `claims`"
            }
        }
        return nil
    }

    /// Keys that name no tag of any loaded case: a typo would otherwise claim nothing silently.
    func unknownKeys(seenTags: Set<String>) -> [Diagnostic] {
        let known = Set(
            seenTags.map { $0.hasPrefix(Self.clausePrefix) ? String($0.dropFirst(Self.clausePrefix.count)) : $0 })
        return entries.filter { $0.mustNameATag && !known.contains($0.key) }.map { entry in
            Diagnostic(
                "`claims` names `\(entry.key)`, which is neither a clause nor a tag of any case in the suites",
                at: entry.location,
                hint: Suggestion.nearest(to: entry.key, among: known).map { "did you mean `\($0)`?" })
        }
    }
}
