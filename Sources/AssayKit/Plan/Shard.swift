/// One of `count` deterministic slices of a run, for CI matrix jobs. The selected cases
/// are ordered by a stable hash of their suite and case names and dealt out in turn, so
/// every shard agrees without coordination, shard sizes differ by at most one (but for a
/// suite sharing one cookie jar, dealt whole), and the shards' union is the whole run with no
/// case twice.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based index.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `i/n` with 1 ≤ i ≤ n.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
            (1...count).contains(index)
        else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// The cases of `suites` that belong to this shard, in suite order (held cases and selections alike).
    /// A suite with one cookie jar (`"cookieJar": "suite"`) is dealt whole: its cases need the
    /// cookies of the cases before them, so they never run in different shards.
    public func select(_ suites: [PlannedSuite]) -> [PlannedSuite] {
        var keyed: [(hash: UInt64, name: String, suite: Int, cases: Range<Int>)] = []
        for (suiteIndex, planned) in suites.enumerated() {
            if planned.suite.cookieJar == .suite {
                guard !planned.selection.isEmpty else { continue }
                let name = "\(planned.suite.name)\u{1F}"
                keyed.append((Self.stableHash(name), name, suiteIndex, planned.selection.indices))
                continue
            }
            for (caseIndex, selected) in planned.selection.enumerated() {
                let name = "\(planned.suite.name)\u{1F}\(selected.name)"
                keyed.append((Self.stableHash(name), name, suiteIndex, caseIndex..<caseIndex + 1))
            }
        }
        keyed.sort { ($0.hash, $0.name) < ($1.hash, $1.name) }
        var mine = suites.map { Array(repeating: false, count: $0.selection.count) }
        for (position, entry) in keyed.enumerated() where position % count == index - 1 {
            for testCase in entry.cases { mine[entry.suite][testCase] = true }
        }
        return suites.enumerated().map { suiteIndex, planned in
            var planned = planned
            let keep = mine[suiteIndex]
            if !planned.isStreamed {
                planned.cases = planned.cases.indices.filter { keep[$0] }.map { planned.cases[$0] }
            }
            planned.selection = planned.selection.indices.filter { keep[$0] }.map { planned.selection[$0] }
            return planned
        }
    }

    /// FNV-1a over UTF-8: stable across processes and platforms, unlike `Hasher`.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
