import Foundation

/// Values computed once per key and shared by every thread of the run: for parses that the same
/// few inputs repeat on every response (header matchers, regular expressions). A nil result is
/// remembered too, so an input that does not parse is not parsed again.
final class Memo<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    // @unchecked: `values` is guarded by `lock`; the values are immutable once computed.
    private let lock = NSLock()
    private var values = RecentFirstDictionary<Key, Value>()
    private let compute: @Sendable (Key) -> Value

    init(_ compute: @escaping @Sendable (Key) -> Value) {
        self.compute = compute
    }

    func value(for key: Key) -> Value {
        if let known = lock.withLock({ values.value(for: key) }) { return known }
        // Computed outside the lock: two threads may both compute a new key once, never block.
        let value = compute(key)
        lock.withLock { values.set(value, for: key) }
        return value
    }
}
