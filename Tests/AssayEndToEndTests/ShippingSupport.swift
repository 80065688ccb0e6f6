import AssayTestSupport
import Foundation

/// Runs the repository's shipping scripts (install, dist, the action's entry) as CI would, on the
/// binaries `swift build` made: the scripts only lay out and pack what they are given, so the
/// debug build proves the same layout the release one gets.
enum ShippingScript {
    /// `scripts/NAME` in the repository.
    static func url(_ name: String) -> URL { PackRun.root.appendingPathComponent("scripts/\(name)") }

    /// Runs `scripts/NAME` with `arguments`; the debug binaries are big, so stripping them gets time.
    static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
    ) throws -> CLIOutcome {
        try CLIRun.run(url(name), arguments, environment: environment, directory: directory, timeout: 300)
    }

    /// The regular files under `folder`, as sorted relative paths.
    static func files(under folder: URL) -> [String] {
        let base = folder.standardizedFileURL.path + "/"
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var found: [String] = []
        while let item = enumerator?.nextObject() as? URL {
            guard (try? item.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            found.append(String(item.standardizedFileURL.path.dropFirst(base.count)))
        }
        return found.sorted()
    }
}
