extension JSONValue: CustomStringConvertible {
    /// The value as compact JSON.
    public var description: String { JSONWriter.compact(self) }

    /// Compact JSON cut to `limit` characters with a trailing `…`, for one-line messages.
    public func abbreviated(limit: Int = 80) -> String {
        let text = JSONWriter.compact(self)
        guard text.count > limit else { return text }
        return String(text.prefix(max(1, limit - 1))) + "…"
    }
}
