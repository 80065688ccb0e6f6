import Foundation

/// Writes one report file when the run finishes (also after an interruption), through
/// a pure render function of the result tree.
public final class FileReportWriter: RunObserver {
    public let path: String
    private let render: (RunResult) -> String
    /// The run's redactor: the rendered text passes through it last, after any cutting.
    private var redactor = Redactor()

    public func runStarted(plan: RunPlan, context: RunContext) {
        redactor = plan.redactor
    }

    public init(path: String, render: @escaping (RunResult) -> String) {
        self.path = path
        self.render = render
    }

    public func runFinished(_ result: RunResult) {
        do {
            try AtomicFile.write(redactor.redact(render(result)), to: path)
        } catch {
            FileHandle.standardError.write(
                Data("assay: cannot write report \(path): \(error.localizedDescription)\n".utf8))
        }
    }
}
