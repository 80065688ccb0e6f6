import Foundation

/// Removes secrets from anything Assay prints or writes: console lines, reports, history,
/// annotations, the job summary, recorded goldens and curl commands. Results are redacted when
/// they are recorded, and every writer passes its final text through `redact` again, after any
/// cutting, so a secret learnt late or cut short is still masked (see docs/SECRETS.md).
///
/// Copies share one store: a secret added through any copy is masked by all of them.
public struct Redactor: Sendable {
    /// What a secret is replaced with.
    public static let mask = "***"

    /// Secrets shorter than this many UTF-8 bytes are not masked: `c` would be masked inside every
    /// word (`***ould not exe***ute`). `--secret` refuses them; other sources get a warning.
    public static let minimumLength = 4

    /// Headers whose values are always secret, whatever the suite declares (lowercased).
    public static let sensitiveHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
    ]

    private let store: SecretStore

    public init(secrets: some Sequence<String> = []) {
        store = SecretStore()
        for secret in secrets { add(secret) }
    }

    /// Secret values masked, longest first.
    public var secrets: [String] { store.snapshot.secrets }

    /// How many bytes the longest secret can take once encoded (`&amp;quot;` is 11 bytes for one),
    /// so text cut after masking can be masked over a window that holds any secret it cuts.
    public var longestEncodedSecret: Int { (store.snapshot.secrets.first?.utf8.count ?? 0) * 11 }

    /// Where each secret too short to mask came from (`${env:NAME}`, `variable NAME`), for warnings.
    public var tooShortSources: [String] { store.refusedSources }

    /// Declares one more value secret, for this redactor and every copy of it. Empty strings are
    /// ignored; ones shorter than `minimumLength` are noted under `source` and not masked.
    public func add(_ secret: String, source: String? = nil) {
        store.add(secret, source: source)
    }

    /// Declares a value read from the environment variable `name` secret, remembering the name.
    public func add(_ secret: String, environmentName name: String) {
        store.add(secret, source: "`${env:\(name)}`")
        store.noteEnvironment(secret, name: name)
    }

    /// The secrets read from the environment (long enough to be masked), longest first, with the
    /// names of their variables: a repro command refers to them as `"${NAME:?}"`.
    public var environmentSecrets: [(value: String, name: String)] {
        store.environmentSecrets.sorted { $0.value.utf8.count > $1.value.utf8.count }
    }

    /// The text with every secret masked, in any of the forms `SecretPattern` knows, including a
    /// secret's start cut off by `…`, or by the end of the text when `endIsCut` (a body cut at a
    /// size limit or by a failure).
    public func redact(_ text: String, endIsCut: Bool = false) -> String {
        let patterns = store.snapshot.patterns
        guard !patterns.isEmpty, !text.isEmpty else { return text }
        var text = text
        let ranges = text.withUTF8 { Self.matches(of: patterns, in: $0, endIsCut: endIsCut) }
        // Nothing to mask, the usual case: the text itself rather than a new string of its bytes.
        guard !ranges.isEmpty else { return text }
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var copied = 0
            for range in ranges {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<range.lowerBound]))
                output.append(contentsOf: Self.mask.utf8)
                copied = range.upperBound
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Every span any pattern matches, merged where they touch or overlap, in order.
    private static func matches(of patterns: [SecretPattern], in bytes: UnsafeBufferPointer<UInt8>, endIsCut: Bool)
        -> [Range<Int>]
    {
        var found: [Range<Int>] = []
        for pattern in patterns {
            var position = 0
            while position < bytes.count {
                guard pattern.mayStart(at: position, in: bytes),
                    let end = pattern.match(bytes, at: position, endIsCut: endIsCut),
                    end > position
                else {
                    position += 1
                    continue
                }
                found.append(position..<end)
                position = end
            }
        }
        guard found.count > 1 else { return found }
        found.sort { $0.lowerBound < $1.lowerBound }
        var merged = [found[0]]
        for range in found.dropFirst() {
            if range.lowerBound <= merged[merged.count - 1].upperBound {
                let last = merged.removeLast()
                merged.append(last.lowerBound..<max(last.upperBound, range.upperBound))
            } else {
                merged.append(range)
            }
        }
        return merged
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
            let scheme = String(trimmed[..<space])
            if scheme.allSatisfy({ $0.isLetter || $0 == "-" }), redact(scheme) == scheme {
                return "\(scheme) \(Self.mask)"
            }
        }
        return Self.mask
    }
}
