import Foundation

/// Whether the console may use colours: only on a terminal, never with `NO_COLOR` or `--no-color`.
public struct ConsoleStyle: Sendable {
    public var colors: Bool
    /// Whether stderr is a terminal (progress lines go there).
    public var progress: Bool

    public init(colors: Bool, progress: Bool = false) {
        self.colors = colors
        self.progress = progress
    }

    public init(environment: [String: String], noColorFlag: Bool) {
        let noColor =
            noColorFlag || environment["NO_COLOR"].map { !$0.isEmpty } == true || environment["TERM"] == "dumb"
        colors = !noColor && isatty(STDOUT_FILENO) == 1
        progress = isatty(STDERR_FILENO) == 1
    }

    func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func green(_ text: String) -> String { paint(text, "32") }
    func red(_ text: String) -> String { paint(text, "31") }
    func yellow(_ text: String) -> String { paint(text, "33") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func bold(_ text: String) -> String { paint(text, "1") }
}
