import Foundation

/// Appends the Markdown report to the file GitHub names in `GITHUB_STEP_SUMMARY`, which
/// the job page shows; appending (not replacing) keeps other steps' summaries.
public final class StepSummaryWriter: RunObserver {
    public let path: String
    private let render: (RunResult) -> String
    /// The run's redactor: the rendered text passes through it last, after any cutting.
    private var redactor = Redactor()

    public func runStarted(plan: RunPlan, context: RunContext) {
        redactor = plan.redactor
    }

    /// Creates a writer appending `render(result)` to `path`.
    public init(path: String, render: @escaping (RunResult) -> String) {
        self.path = path
        self.render = render
    }

    public func runFinished(_ result: RunResult) {
        let data = Data((redactor.redact(render(result)) + "\n").utf8)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            FileHandle.standardError.write(Data("assay: cannot append to GITHUB_STEP_SUMMARY \(path)\n".utf8))
            return
        }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(data)
    }
}
