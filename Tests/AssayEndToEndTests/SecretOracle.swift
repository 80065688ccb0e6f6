import Foundation

/// The forms a secret takes in output, computed here with Foundation's own encoders (not
/// Assay's code), so a leak test checks against an independent list.
enum SecretOracle {
    /// Every text that would give the secret away: as typed; percent-encoded (fully, as a query
    /// allows, either hex case, `+` for space, `%` escaped again); JSON-escaped once and twice;
    /// XML-escaped; base64 (both alphabets, the characters fixed by the secret at each alignment).
    static func forms(of secret: String) -> [String] {
        var forms: Set<String> = [secret]
        for allowed in [CharacterSet.alphanumerics, .urlQueryAllowed] {
            // Foundation treats non-ASCII letters as alphanumerics: encode those bytes too.
            let ascii = allowed.intersection(CharacterSet(charactersIn: Unicode.Scalar(0x21)...Unicode.Scalar(0x7E)))
            guard let upper = secret.addingPercentEncoding(withAllowedCharacters: ascii) else { continue }
            for form in [upper, lowerHex(upper)] {
                forms.insert(form)
                forms.insert(form.replacingOccurrences(of: "%20", with: "+"))
                forms.insert(form.replacingOccurrences(of: "%", with: "%25"))
            }
        }
        forms.insert(secret.replacingOccurrences(of: "%", with: "%25"))
        if let once = try? JSONEncoder().encode(secret),
            let twice = try? JSONEncoder().encode(String(decoding: once, as: UTF8.self))
        {
            forms.insert(String(String(decoding: once, as: UTF8.self).dropFirst().dropLast()))
            forms.insert(String(String(decoding: twice, as: UTF8.self).dropFirst(3).dropLast(3)))
        }
        var xml = secret.replacingOccurrences(of: "&", with: "&amp;")
        for (character, entity) in [("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&apos;")] {
            xml = xml.replacingOccurrences(of: character, with: entity)
        }
        forms.insert(xml)
        for core in base64Cores(of: secret) {
            forms.insert(core)
            forms.insert(core.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
        }
        return forms.filter { $0.utf8.count >= 4 }.sorted()
    }

    /// The base64 characters that are the same whatever surrounds the secret, at each of the three
    /// alignments: found by encoding it between all-zero and all-one neighbours and keeping where they agree.
    static func base64Cores(of secret: String) -> [String] {
        let bytes = Data(secret.utf8)
        return (0..<3).compactMap { offset in
            let low = Array((Data(repeating: 0x00, count: offset) + bytes + Data([0x00, 0x00])).base64EncodedString())
            let high = Array((Data(repeating: 0xFF, count: offset) + bytes + Data([0xFF, 0xFF])).base64EncodedString())
            var best: Range<Int> = 0..<0
            var start = 0
            for index in 0...low.count {
                if index == low.count || low[index] != high[index] {
                    if index - start > best.count { best = start..<index }
                    start = index + 1
                }
            }
            return best.count >= 4 ? String(low[best]) : nil
        }
    }

    private static func lowerHex(_ text: String) -> String {
        var output = ""
        var pendingHex = 0
        for character in text {
            if character == "%" {
                pendingHex = 2
                output.append(character)
            } else if pendingHex > 0 {
                output += character.lowercased()
                pendingHex -= 1
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// The first `count` characters of the secret followed by the `…` that cuts a message.
    static func cutPrefixes(of secret: String, shortest: Int = 3) -> [String] {
        let characters = Array(secret)
        guard characters.count > shortest else { return [] }
        return (shortest..<characters.count).map { String(characters[..<$0]) + "…" }
    }
}
