import Foundation

/// A source file's text with the byte offset where each line starts, found once with memchr, so
/// quoting any line is a lookup: a broken suite can have a thousand errors in one large file.
struct SourceLines {
    let text: String
    /// Byte offset of the start of each line; lines end at `\n` (a `\r` before it stays in the line).
    private let starts: [Int]

    init(_ text: String) {
        var text = text
        starts = text.withUTF8 { bytes in
            var starts = [0]
            guard let base = bytes.baseAddress else { return starts }
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
            return starts
        }
        self.text = text
    }

    /// Line `number` (1-based) without its `\n`, or nil past the end.
    func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= starts.count else { return nil }
        let utf8 = text.utf8
        let start = starts[number - 1]
        let end = number < starts.count ? starts[number] - 1 : utf8.count
        return text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
    }
}
