import Foundation

/// Writes one report file when the run finishes (also after an interruption), through
/// a pure render function of the result tree. A second signal may write it from another
/// thread while the run winds down (`writeUnlessWritten`): the file is written once.
public final class FileReportWriter: RunObserver, @unchecked Sendable {
    // @unchecked: `redactor` is set before the run starts; `written` is guarded by `lock`, which
    // is held for the whole write so the two writers never race on the file.
    public let path: String
    private let render: (RunResult) -> String
    /// The run's redactor: the rendered text passes through it last, after any cutting.
    private var redactor = Redactor()
    private let lock = NSLock()
    private var written = false

    public func runStarted(plan: RunPlan, context: RunContext) {
        redactor = plan.redactor
    }

    public init(path: String, render: @escaping (RunResult) -> String) {
        self.path = path
        self.render = render
    }

    public func runFinished(_ result: RunResult) {
        writeUnlessWritten(result)
    }

    /// Writes the report for `result` unless it was written already: the run's own final result
    /// and a second signal's snapshot may race, and whichever comes first is the report.
    public func writeUnlessWritten(_ result: RunResult) {
        lock.lock()
        defer { lock.unlock() }
        guard !written else { return }
        written = true
        do {
            try AtomicFile.write(redactor.redact(render(result)), to: path)
        } catch {
            FileHandle.standardError.write(
                Data("assay: cannot write report \(path): \(error.localizedDescription)\n".utf8))
        }
    }
}
