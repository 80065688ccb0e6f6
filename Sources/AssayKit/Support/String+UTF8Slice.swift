extension String {
    /// The part of this string at the UTF-8 byte offsets `find` returns, nil when it returns nil.
    /// `find` reads the string's own storage when it is contiguous UTF-8 (as native strings are):
    /// every validated exchange scans its URL and its content type, and stepping through a
    /// `String.UTF8View` index by index is many times slower than reading a buffer.
    func utf8Slice(_ find: (UnsafeBufferPointer<UInt8>) -> Range<Int>?) -> Substring? {
        let bytes = utf8
        let found = bytes.withContiguousStorageIfAvailable(find) ?? Array(bytes).withUnsafeBufferPointer(find)
        guard let found else { return nil }
        let start = bytes.index(bytes.startIndex, offsetBy: found.lowerBound)
        return Substring(bytes[start..<bytes.index(start, offsetBy: found.count)])
    }
}
