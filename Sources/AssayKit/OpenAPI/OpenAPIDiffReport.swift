/// The diff's changes rendered for people and machines: the console, JSON, a Markdown PR comment,
/// and GitHub annotations pointing into the new document. All pure; the CLI writes them.
public struct OpenAPIDiffReport: Sendable {
    public let oldFile: String
    public let newFile: String
    public let changes: [OpenAPIChange]
    public let policy: OpenAPIFailPolicy

    public init(oldFile: String, newFile: String, changes: [OpenAPIChange], policy: OpenAPIFailPolicy) {
        self.oldFile = oldFile
        self.newFile = newFile
        self.changes = changes
        self.policy = policy
    }

    public var breaking: [OpenAPIChange] { changes.filter(\.isBreaking) }
    public var failing: [OpenAPIChange] { changes.filter(policy.fails) }

    /// 1 when a change fails under the policy, else 0.
    public var exitCode: Int32 { failing.isEmpty ? ExitCode.success : ExitCode.contractFailed }

    public var summary: String {
        "\(breaking.count) breaking change(s), \(changes.count - breaking.count) non-breaking"
            + (policy == .breaking ? "" : " (failing on \(policy.rawValue): \(failing.count))")
    }

    public var console: String {
        var lines = ["openapi diff \(oldFile) → \(newFile)"]
        for change in changes {
            let mark = change.isBreaking ? "BREAKING" : "change  "
            lines.append("\(mark) [\(change.kind.rawValue)] \(change.operation): \(change.message)")
            if let old = change.old { lines.append("           old: \(old)") }
            if let new = change.new { lines.append("           new: \(new)") }
        }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: String {
        let items: [JSONValue] = changes.map { change in
            var object = JSONObject()
            object["kind"] = .string(change.kind.rawValue)
            object["breaking"] = .bool(change.isBreaking)
            object["fails"] = .bool(policy.fails(change))
            object["operation"] = .string(change.operation)
            object["message"] = .string(change.message)
            object["old"] = change.old.map { .string($0.description) } ?? .null
            object["new"] = change.new.map { .string($0.description) } ?? .null
            return .object(object)
        }
        var root = JSONObject()
        root["old"] = .string(oldFile)
        root["new"] = .string(newFile)
        root["policy"] = .string(policy.rawValue)
        root["breaking"] = .number(JSONNumber(breaking.count))
        root["nonBreaking"] = .number(JSONNumber(changes.count - breaking.count))
        root["changes"] = .array(items)
        return JSONWriter.pretty(.object(root))
    }

    /// A PR comment: the verdict first, then a table per group.
    public var markdown: String {
        var text = "## OpenAPI diff\n\n"
        text += exitCode == 0 ? "✅ " : "❌ "
        text += "**\(summary)** between `\(oldFile)` and `\(newFile)`.\n"
        let groups: [(String, [OpenAPIChange])] = [
            ("Breaking changes", breaking), ("Non-breaking changes", changes.filter { !$0.isBreaking }),
        ]
        for (title, group) in groups where !group.isEmpty {
            text += "\n### \(title)\n\n| rule | operation | change | new document |\n|---|---|---|---|\n"
            for change in group {
                let location = change.new.map { "`\(TextEscaping.markdownCode($0.description))`" } ?? ""
                text +=
                    "| `\(change.kind.rawValue)` | \(TextEscaping.markdownCell(change.operation)) | \(TextEscaping.markdownCell(change.message)) | \(location) |\n"
            }
        }
        return text
    }

    /// One `::error` (failing) or `::notice` line per change, at its place in the new document.
    public var annotations: [String] {
        changes.compactMap { change in
            guard let location = change.new else { return nil }
            let level = policy.fails(change) ? "error" : (change.isBreaking ? "warning" : "notice")
            let properties = [
                "file=\(TextEscaping.annotationProperty(location.file))", "line=\(location.line)",
                "col=\(location.column)",
                "title=\(TextEscaping.annotationProperty("openapi \(change.kind.rawValue): \(change.operation)"))",
            ]
            return "::\(level) \(properties.joined(separator: ","))::\(TextEscaping.annotationData(change.message))"
        }
    }
}
