extension String {
    /// `hasPrefix(prefix)` for an ASCII `prefix`, answered from the UTF-8 bytes (`hasPrefix` compares
    /// Characters, which costs more than the rest of decoding a member). The answer is the same:
    /// only a non-ASCII byte right after the prefix (a combining mark) can make them differ, and
    /// then `hasPrefix` decides.
    func hasASCIIPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        let matched: Bool? = prefix.withUTF8Buffer { expected in
            var index = 0
            for byte in utf8 {
                if index == count { return byte < 0x80 ? true : nil }
                if byte != expected[index] { return false }
                index += 1
            }
            return index == count
        }
        return matched ?? hasPrefix(prefix.description)
    }
}
