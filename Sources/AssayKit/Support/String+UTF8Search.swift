#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring tests on UTF-8 bytes. `String.contains(_:)` with Foundation imported resolves to
/// `StringProtocol.contains`, which bridges through NSString; on the per-request path (redacting
/// every URL and header, joining URLs) that bridging was a few percent of a run's CPU.
extension StringProtocol {
    /// Whether `needle` occurs in this text, comparing UTF-8 bytes (exact, no Unicode folding).
    func containsBytes(_ needle: some StringProtocol) -> Bool {
        // In place when both expose contiguous bytes (native strings, small ones included).
        let inPlace = utf8.withContiguousStorageIfAvailable { hay in
            needle.utf8.withContiguousStorageIfAvailable { pin in Self.search(hay, for: pin) }
        }
        if let found = inPlace ?? nil { return found }
        var haystack = String(self)
        var needle = String(needle)
        return haystack.withUTF8 { hay in needle.withUTF8 { pin in Self.search(hay, for: pin) } }
    }

    /// Whether every UTF-8 byte satisfies `predicate`, read in place when the bytes are contiguous.
    func allUTF8Bytes(_ predicate: (UInt8) -> Bool) -> Bool {
        if let result = utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(predicate) }) { return result }
        return utf8.allSatisfy(predicate)
    }

    private static func search(_ hay: UnsafeBufferPointer<UInt8>, for pin: UnsafeBufferPointer<UInt8>) -> Bool {
        if pin.isEmpty { return true }
        guard hay.count >= pin.count, let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else {
            return false
        }
        let first = pin[0]
        for start in 0...(hay.count - pin.count) where hay[start] == first {
            if memcmp(hayBase + start, pinBase, pin.count) == 0 { return true }
        }
        return false
    }

    /// Whether this text equals `other` ignoring ASCII case (HTTP field names, media types).
    func equalsIgnoringASCIICase(_ other: some StringProtocol) -> Bool {
        let lhs = utf8
        let rhs = other.utf8
        guard lhs.count == rhs.count else { return false }
        // Native strings expose their bytes: compare buffers (header lookups run per response).
        let contiguous = lhs.withContiguousStorageIfAvailable { left in
            rhs.withContiguousStorageIfAvailable { right in Self.equalIgnoringASCIICase(left, right) }
        }
        if let result = contiguous ?? nil { return result }
        for (a, b) in zip(lhs, rhs) where a != b {
            guard Self.asciiLower(a) == Self.asciiLower(b) else { return false }
        }
        return true
    }

    /// Whether two byte runs of equal length are equal ignoring ASCII case.
    static func equalIgnoringASCIICase(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        assert(left.count == right.count, "callers compare lengths first")
        for index in 0..<left.count where left[index] != right[index] {
            guard asciiLower(left[index]) == asciiLower(right[index]) else { return false }
        }
        return true
    }

    @inline(__always)
    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte | 0x20 : byte
    }
}
