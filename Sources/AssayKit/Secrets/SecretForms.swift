import Foundation

/// The texts a secret can turn into before it reaches output, besides its own characters: its
/// base64 (standard and URL-safe), as a server echoes `Basic base64(user:secret)` or a token's
/// encoded form. Each is matched in any character encoding by `SecretPattern`.
enum SecretForms {
    /// The secret, and the base64 characters fixed by the secret alone at each of the three
    /// alignments it can have inside a longer base64 text, in both alphabets.
    static func texts(of secret: String) -> [String] {
        var texts = [secret]
        let bytes = Array(secret.utf8)
        for offset in 0..<3 {
            let core = base64Core(of: bytes, offset: offset)
            // Short cores would match ordinary words; the raw form still covers those secrets.
            guard core.count >= 4 else { continue }
            let urlSafe = String(core.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
            for text in [core, urlSafe] where !texts.contains(text) { texts.append(text) }
        }
        return texts
    }

    /// The base64 characters whose 6 bits all come from `bytes`, when `offset` bytes (0–2) of other
    /// data come before them in the encoded text: characters that mix in a neighbour's bits differ
    /// from text to text, the ones in between are always the same.
    static func base64Core(of bytes: [UInt8], offset: Int) -> String {
        let encoded = (Data(repeating: 0, count: offset) + Data(bytes)).base64EncodedString()
        let firstBit = offset * 8
        let endBit = (offset + bytes.count) * 8
        // The first character starting at or after the secret's first bit, through the last one
        // ending at or before its last bit.
        let first = (firstBit + 5) / 6
        let end = endBit / 6
        guard first < end else { return "" }
        let characters = Array(encoded)
        return String(characters[first..<end])
    }
}
