import Foundation

extension Planner {
    /// Every file a suite's `tls` names that cannot be read: a suite error before anything is
    /// sent, rather than a TLS failure in every case.
    static func unreadableTLSFiles(in suite: Suite) -> [Diagnostic] {
        guard let tls = suite.defaults.tls else { return [] }
        return tls.files.compactMap { what, path in
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                FileManager.default.isReadableFile(atPath: path)
            {
                return nil
            }
            return Diagnostic(
                "tls.\(what) file \(path) cannot be read (no such file, a folder, or no permission)",
                at: tls.location, hint: "a relative path is read from the suite file's folder")
        }
    }
}
