#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Strings up to 16 ASCII bytes, by their bytes: suite files repeat the same keys
/// and many of the same values in every case, and handing back the string made the first time skips
/// UTF-8 validation and, above 15 bytes, an allocation. A slot holds the last string that hashed to it.
final class ShortStringCache {
    static let maxLength = 16
    private static let slotCount = 128

    private struct Entry {
        var low: UInt64
        var high: UInt64
        var count: Int
        var text: String
    }

    private let entries: UnsafeMutablePointer<Entry>

    /// The cache of the calling thread, for response bodies: the responses a run judges repeat the
    /// same keys and many of the same values, body after body. One per thread, as a cache is not
    /// locked; it goes with its thread.
    static var ofThisThread: ShortStringCache {
        if let stored = pthread_getspecific(threadKey) {
            return Unmanaged<ShortStringCache>.fromOpaque(stored).takeUnretainedValue()
        }
        let cache = ShortStringCache()
        pthread_setspecific(threadKey, Unmanaged.passRetained(cache).toOpaque())
        return cache
    }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { stored in
            if let stored { Unmanaged<ShortStringCache>.fromOpaque(stored).release() }
        }
        return key
    }()

    init() {
        entries = .allocate(capacity: Self.slotCount)
        entries.initialize(repeating: Entry(low: 0, high: 0, count: -1, text: ""), count: Self.slotCount)
    }

    deinit {
        entries.deinitialize(count: Self.slotCount)
        entries.deallocate()
    }

    /// The `count` (at most 16) bytes at `start` as two little-endian words, the bytes past `count`
    /// zeroed; 16 bytes must be readable from `start`, as both halves are read whole.
    static func words(at start: UnsafeRawPointer, count: Int) -> (low: UInt64, high: UInt64) {
        var low = start.loadUnaligned(as: UInt64.self)
        var high = start.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        if count < 8 {
            low &= (1 &<< UInt64(count &* 8)) &- 1
            high = 0
        } else if count < 16 {
            high &= (1 &<< UInt64((count &- 8) &* 8)) &- 1
        }
        return (low, high)
    }

    /// The string of `count` ASCII bytes at `start`, which must be followed by at least
    /// `16 - count` readable bytes (the parser checks): both halves are read as whole words.
    func string(at start: UnsafePointer<UInt8>, count: Int) -> String {
        let (low, high) = Self.words(at: UnsafeRawPointer(start), count: count)
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        let slot = entries + Int(truncatingIfNeeded: (mixed &* 0x2545_F491_4F6C_DD1D) >> 57)
        if slot.pointee.count == count, slot.pointee.low == low, slot.pointee.high == high {
            return slot.pointee.text
        }
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        slot.pointee = Entry(low: low, high: high, count: count, text: text)
        return text
    }
}
