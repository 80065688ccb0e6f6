/// A problem in the user's input (a suite, a config file, a golden), with where it is
/// and what was expected there. Every suite error is one of these, so one renderer
/// serves the console, JUnit and GitHub annotations.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is; nil when it concerns a whole file or no file at all.
    public var location: SourceLocation?
    /// What is wrong, phrased as "expected X, found Y" where possible.
    public var message: String
    /// An optional suggestion, e.g. "did you mean `headers`?".
    public var hint: String?

    public init(_ message: String, at location: SourceLocation? = nil, hint: String? = nil) {
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// `file:line:column: error: message` plus the hint on its own line.
    public var description: String {
        var text = location.map { "\($0): error: " } ?? "error: "
        text += message
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

extension Diagnostic {
    /// `text` as a message quotes a name the input chose (a key, a variable): whole when short, else
    /// its start and `…`, so a megabyte-long key makes a one-line message.
    public static func excerpt(_ text: String, limit: Int = 60) -> String {
        guard text.utf8.count > limit, text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }
}

/// Several diagnostics at once, so a user fixes every problem in one pass.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
