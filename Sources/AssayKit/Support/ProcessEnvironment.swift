import Foundation

/// The process's environment variables: what `${env:NAME}`, `ASSAY_*` settings and secrets read.
public enum ProcessEnvironment {
    public static func current() -> [String: String] {
        ProcessInfo.processInfo.environment
    }
}
