import Foundation

/// The JSON report: the result tree as documented in docs/REPORTS.md (schema version
/// `RunResult.schemaVersion`), keys sorted so reports diff cleanly.
public enum JSONReport {
    public static func render(_ result: RunResult) -> String {
        (try? String(decoding: encoder.encode(result), as: UTF8.self)).map { $0 + "\n" } ?? "{}\n"
    }

    /// Reads a report written by `render` (for `assay merge` and `assay replay`).
    public static func read(_ data: Data) throws -> RunResult {
        try decoder.decode(RunResult.self, from: data)
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
