import Foundation

/// Locates executables built by SwiftPM next to the running test bundle.
public enum BuiltProducts {
    /// The build products folder, e.g. `.build/x86_64-unknown-linux-gnu/debug`.
    public static var directory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    /// The path of a built executable; `make test` builds them before running tests.
    public static func executable(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }
}
