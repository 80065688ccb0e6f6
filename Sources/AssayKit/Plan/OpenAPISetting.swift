import Foundation

/// The run's OpenAPI description (`openapi` in `assay.jsonc`, or `--openapi`): where it is and
/// which responses are validated against it. Only named here; the command loads it with the plan.
public struct OpenAPISetting: Sendable, Equatable {
    /// Which responses are validated.
    public enum Scope: String, Sendable, CaseIterable {
        /// Every response: a status the operation does not declare is a violation.
        case all
        /// Only 2xx responses, for descriptions (like OpenAI's) that declare few error statuses.
        case success
    }

    /// A file path (relative paths resolved against the config file's folder) or an http(s) URL.
    public var source: String
    public var scope: Scope
    /// JSON pointers into the description of schemas that accept null too: members a service is
    /// known to send as null though its description does not say so.
    public var allowNull: [String] = []
    /// Where the setting was written, for errors about the description it names.
    public var location: SourceLocation?

    public init(source: String, scope: Scope = .all, location: SourceLocation? = nil) {
        self.source = source
        self.scope = scope
        self.location = location
    }

    /// Whether `source` is fetched rather than read from a file.
    public var isURL: Bool { source.hasPrefix("http://") || source.hasPrefix("https://") }

    /// `"openapi": "FILE-or-URL"` or `{"spec": "FILE-or-URL", "validate": "all"|"success"}`, a
    /// relative file taken from the folder of `file` (the config), as suites and goldens are.
    static func decode(_ node: JSONNode, file: String) throws(Diagnostic) -> OpenAPISetting {
        var setting: OpenAPISetting
        if case .string(let source) = node.kind {
            setting = OpenAPISetting(source: source, location: node.location)
        } else {
            guard case .object = node.kind else {
                throw Diagnostic(
                    "expected `openapi` to be a file or URL, or {\"spec\": …, \"validate\": \"all\"|\"success\"}, found \(node.kindName)",
                    at: node.location)
            }
            var reader = try NodeReader(node, context: "openapi")
            reader.allow("spec", "validate", "allowNull")
            try reader.finish()
            setting = OpenAPISetting(
                source: try reader.requiredString("spec"), scope: try reader.choice("validate", as: Scope.self) ?? .all,
                location: reader.member("spec")?.location ?? node.location)
            setting.allowNull = try reader.strings("allowNull")
            for pointer in setting.allowNull where !pointer.hasPrefix("/") {
                throw Diagnostic(
                    "expected each `allowNull` entry to be a JSON pointer into the description (\"/components/…\"), got \(JSONWriter.quote(pointer))",
                    at: reader.member("allowNull")?.location)
            }
        }
        if setting.source.isEmpty { throw Diagnostic("expected `openapi` to name a file or URL", at: node.location) }
        // Relative to the config's folder, like every path in a config.
        if !setting.isURL { setting.source = ConfigFile.resolve(setting.source, against: ConfigFile.folder(of: file)) }
        return setting
    }
}
