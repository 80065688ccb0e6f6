import Foundation

/// Appends the finished run to the history file, keeping the newest `limit` runs. The
/// whole file is rewritten atomically, so a crash never leaves half a line behind.
public final class HistoryFileWriter: RunObserver {
    public let path: String
    public let limit: Int
    public let revision: String?
    /// The run's redactor: the rendered text passes through it last, after any cutting.
    private var redactor = Redactor()

    public func runStarted(plan: RunPlan, context: RunContext) {
        redactor = plan.redactor
    }

    /// Creates a writer for `path`.
    public init(path: String, limit: Int = RunHistory.defaultLimit, revision: String?) {
        self.path = path
        self.limit = limit
        self.revision = revision
    }

    /// The entries already in `path` (none when the file does not exist yet).
    public static func read(_ path: String) -> [HistoryEntry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return RunHistory.parse(String(decoding: data, as: UTF8.self))
    }

    public func runFinished(_ result: RunResult) {
        let entries = RunHistory.appending(HistoryEntry(result, revision: revision), to: Self.read(path), limit: limit)
        do {
            try AtomicFile.write(redactor.redact(RunHistory.render(entries, limit: limit)), to: path)
        } catch {
            FileHandle.standardError.write(
                Data("assay: cannot write history \(path): \(error.localizedDescription)\n".utf8))
        }
    }
}
