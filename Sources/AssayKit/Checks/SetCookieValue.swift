/// The value of a named cookie in a response's `Set-Cookie` fields (RFC 6265 §5.2): the
/// name-value pair before the first `;`, split at its first `=`, both sides trimmed. The last
/// field that sets the name wins, as a browser's jar would keep it.
enum SetCookieValue {
    static func value(of name: String, in headers: HTTPHeaders) -> String? {
        var found: String?
        for field in headers.values("Set-Cookie") {
            let pair = field.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let equals = pair.firstIndex(of: "=") else { continue }
            if pair[..<equals].trimmingASCIIBlanks == name {
                found = String(pair[pair.index(after: equals)...].trimmingASCIIBlanks)
            }
        }
        return found
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingASCIIBlanks: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
