import Foundation

/// The JSON report: the result tree as documented in docs/REPORTS.md (schema version
/// `RunResult.schemaVersion`), plus the compatibility score under `compatibility`, keys
/// sorted so reports diff cleanly.
public enum JSONReport {
    /// The report for `result`, with the score labelled `scoreLabel`.
    public static func render(_ result: RunResult, scoreLabel: String = "Contract") -> String {
        let document = Document(result: result, compatibility: CompatibilityScore(result, label: scoreLabel))
        return (try? String(decoding: encoder.encode(document), as: UTF8.self)).map { $0 + "\n" } ?? "{}\n"
    }

    /// Reads a report written by `render` (for `assay merge` and `assay replay`); the
    /// derived `compatibility` member is ignored, since it is recomputed from the cases.
    public static func read(_ data: Data) throws -> RunResult {
        try decoder.decode(RunResult.self, from: data)
    }

    /// The result's own members with the score beside them, in one flat object.
    struct Document: Encodable {
        var result: RunResult
        var compatibility: CompatibilityScore

        enum Key: String, CodingKey { case compatibility }

        /// A plain suite has no score, so the member is left out rather than written as a fake one.
        func encode(to encoder: any Encoder) throws {
            try result.encode(to: encoder)
            guard compatibility.applies else { return }
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(compatibility, forKey: .compatibility)
        }
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
