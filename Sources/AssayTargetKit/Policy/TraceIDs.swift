import Foundation

/// Mints trace ids: 32 lowercase hex characters, unique per response.
public final class TraceIDs: @unchecked Sendable {
    // @unchecked: the counter is guarded by `lock`.
    private let lock = NSLock()
    private var counter: UInt64 = 0
    private let seed: UInt64 = UInt64.random(in: 1...UInt64.max)

    /// Creates a generator.
    public init() {}

    /// A fresh id: a random half plus a per-process counter, so ids never repeat within a run.
    public func next() -> String {
        let count = lock.withLock { () -> UInt64 in
            counter += 1
            return counter
        }
        return Self.hex(seed ^ UInt64.random(in: 0...UInt64.max) | 1) + Self.hex(count &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The constant id used by the `trace-not-unique` fault.
    public static let constant = "0123456789abcdef0123456789abcdef"

    /// Sixteen lowercase hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
