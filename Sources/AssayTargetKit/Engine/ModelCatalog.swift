/// The served model ids, and the lookup that answers 404 `model_not_found`.
public struct ModelCatalog: Sendable {
    /// Served ids, in listing order.
    public var ids: [String]
    /// True under `unknown-model-200`: every id resolves.
    public var acceptsUnknown: Bool

    /// A fixed `created` stamp, so model objects are byte-stable for goldens.
    public static let created = 1_700_000_000

    /// The model whose streams fail part-way, as a model that breaks mid-answer does: a few deltas,
    /// then the error the OpenAI way. Always served, never listed (like the debug route), so the
    /// model list stays what `--model` says.
    public static let streamError = "assay-stream-error"

    /// Resolves an id or answers the 404 envelope.
    public func resolve(_ id: String) -> Result<String, ErrorEnvelope> {
        ids.contains(id) || id == Self.streamError || acceptsUnknown ? .success(id) : .failure(.modelNotFound(id))
    }

    /// The model object.
    public static func object(_ id: String) -> OrderedJSON {
        .object([
            ("id", .string(id)), ("object", .string("model")), ("created", .int(created)),
            ("owned_by", .string("assay")),
        ])
    }
}
