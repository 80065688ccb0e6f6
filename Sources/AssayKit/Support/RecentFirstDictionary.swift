/// A dictionary that answers the key asked for last without hashing it: the caches on the
/// per-response path (goldens, matchers) are asked for the same key response after response, and
/// comparing a key costs a fraction of hashing it.
/// Not synchronized: its owner locks around it.
struct RecentFirstDictionary<Key: Hashable, Value> {
    private var values: [Key: Value] = [:]
    private var recent: (key: Key, value: Value)?

    /// The value for `key`, if any; the entry found becomes the recent one.
    mutating func value(for key: Key) -> Value? {
        if let recent, recent.key == key { return recent.value }
        guard let found = values[key] else { return nil }
        recent = (key, found)
        return found
    }

    mutating func set(_ value: Value, for key: Key) {
        values[key] = value
        if recent?.key == key { recent = (key, value) }
    }

    mutating func remove(_ key: Key) {
        values[key] = nil
        if recent?.key == key { recent = nil }
    }
}
