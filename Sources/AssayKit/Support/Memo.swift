import Foundation

/// Values computed once per key and shared by every thread of the run: for parses that the same
/// few inputs repeat on every response (header matchers, regular expressions). A nil result is
/// remembered too, so an input that does not parse is not parsed again.
final class Memo<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    // @unchecked: `values` is guarded by `lock`; the values are immutable once computed.
    private let lock = NSLock()
    private var values: [Key: Value] = [:]
    /// The key asked for last and its value: a response's checks mostly ask for the same one again,
    /// and comparing it beats hashing it into the dictionary.
    private var recent: (key: Key, value: Value)?
    private let compute: @Sendable (Key) -> Value

    init(_ compute: @escaping @Sendable (Key) -> Value) {
        self.compute = compute
    }

    func value(for key: Key) -> Value {
        let known = lock.withLock { () -> Value? in
            if let recent, recent.key == key { return recent.value }
            guard let found = values[key] else { return nil }
            recent = (key, found)
            return found
        }
        if let known { return known }
        // Computed outside the lock: two threads may both compute a new key once, never block.
        let value = compute(key)
        lock.withLock { values[key] = value }
        return value
    }
}
