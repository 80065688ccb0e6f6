import Foundation

extension Planner {
    /// Every body file (`file`, a multipart `file`) a case names that cannot be read: a suite
    /// error before anything is sent, not a failure halfway through a run.
    static func unreadableBodyFiles(in testCase: TestCase) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func check(_ path: String, _ location: SourceLocation) {
            // A path built from variables is read (and reported) when the step is sent.
            guard !path.mayReferenceVariables else { return }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                FileManager.default.isReadableFile(atPath: path)
            else {
                problems.append(
                    Diagnostic(
                        "body file \(path) cannot be read (no such file, a folder, or no permission)",
                        at: location, hint: "a relative path is read from the suite file's folder"))
                return
            }
        }
        for step in testCase.steps {
            switch step.request.body {
            case .file(let path): check(path, step.request.location)
            case .multipart(let parts):
                for part in parts {
                    if case .file(let path) = part.content { check(path, step.request.location) }
                }
            default: break
            }
        }
        return problems
    }
}
