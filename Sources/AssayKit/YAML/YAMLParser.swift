import Foundation

/// Parses the YAML that OpenAPI documents use into the same located tree as JSON, so every node
/// keeps `file:line:column` and the rest of Assay reads a YAML spec exactly like a JSON one.
///
/// Supported: block and flow collections, plain, single- and double-quoted scalars (with every
/// escape), literal `|` and folded `>` block scalars with chomping and indentation indicators,
/// comments, anchors and aliases (bounded against alias bombs), merge keys `<<`, the `!!str` tag,
/// a leading `---` and a trailing `...`. Not supported, with a clear error: several documents in
/// one file, explicit `? ` keys, collections as keys. Plain scalars resolve by YAML 1.2's core
/// schema (`null`, `true`, `12`, `1.5e3`; `0x1F` and `0o17` become decimal numbers); keys stay text.
public enum YAMLParser {
    /// Deepest nesting of collections accepted: a hostile file fails cleanly instead of overflowing
    /// the stack (real specs nest a few dozen levels).
    public static let maxDepth = 256
    /// Most nodes that aliases may add to the tree, so a "billion laughs" file fails with an error
    /// instead of expanding exponentially in whatever reads the tree next.
    public static let maxAliasNodes = 1_000_000

    /// Parses YAML text into a located tree.
    public static func parseNode(_ text: String, file: String) throws(Diagnostic) -> JSONNode {
        try parseNode(bytes: Array(text.utf8), file: file)
    }

    /// Parses file bytes into a located tree, rejecting invalid UTF-8.
    public static func parseNode(data: Data, file: String) throws(Diagnostic) -> JSONNode {
        try parseNode(bytes: [UInt8](data), file: file)
    }

    static func parseNode(bytes: [UInt8], file: String) throws(Diagnostic) -> JSONNode {
        let fileID = SourceFileTable.shared.id(of: file)
        var bytes = bytes
        if try YAMLText.checkCharacters(bytes, fileID: fileID) { YAMLText.normalizeLineBreaks(&bytes) }
        let outcome: Result<JSONNode, Diagnostic> = bytes.withUnsafeBufferPointer { buffer in
            var reader = YAMLReader(bytes: buffer, fileID: fileID, maxDepth: maxDepth, maxAliasNodes: maxAliasNodes)
            do throws(Diagnostic) {
                return .success(try reader.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Whether a file should be read as YAML rather than JSON, by its extension or, failing that,
    /// by its first character (a JSON document starts with `{` or `[`).
    public static func looksLikeYAML(path: String, data: Data) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return true }
        if lower.hasSuffix(".json") || lower.hasSuffix(".jsonc") { return false }
        let first = data.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        return first != UInt8(ascii: "{") && first != UInt8(ascii: "[")
    }
}
