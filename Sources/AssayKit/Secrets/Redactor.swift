import Foundation

/// Removes secrets from anything Assay prints or writes: console lines, reports,
/// recorded goldens and curl commands. Every output path goes through one of these.
public struct Redactor: Sendable {
    /// What a secret is replaced with.
    public static let mask = "***"

    /// Headers whose values are always secret, whatever the suite declares (lowercased).
    public static let sensitiveHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
    ]

    /// Secret values, longest first so a secret that contains another is masked whole.
    public private(set) var secrets: [String]

    public init(secrets: some Sequence<String> = []) {
        self.secrets = []
        for secret in secrets { add(secret) }
    }

    /// Declares one more value secret (empty strings are ignored: they match everywhere).
    public mutating func add(_ secret: String) {
        guard !secret.isEmpty, !secrets.contains(secret) else { return }
        secrets.append(secret)
        secrets.sort { $0.count > $1.count }
    }

    /// The text with every secret value masked.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.containsBytes(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return result
    }

    /// Whether a header's value must be hidden because of its name alone.
    public static func isSensitive(header name: String) -> Bool {
        // Compared in place: lowercasing every header name of every exchange showed in profiles.
        sensitiveHeaders.contains { name.equalsIgnoringASCIICase($0) }
    }

    /// A header value fit to show: sensitive headers keep only their auth scheme
    /// (`Bearer ***`), so a malformed-scheme failure stays readable; others lose their secrets.
    public func redactHeader(name: String, value: String) -> String {
        guard Self.isSensitive(header: name) else { return redact(value) }
        // Trimmed by hand: Foundation's `trimmingCharacters(in:)` bridges through NSString.
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = value.firstIndex(where: { !isBlank($0) }), let last = value.lastIndex(where: { !isBlank($0) })
        else { return value }
        let trimmed = value[first...last]
        if let space = trimmed.firstIndex(of: " ") {
            let scheme = trimmed[..<space]
            if scheme.allSatisfy({ $0.isLetter || $0 == "-" }), !secrets.contains(where: { scheme.containsBytes($0) }) {
                return "\(scheme) \(Self.mask)"
            }
        }
        return Self.mask
    }
}
