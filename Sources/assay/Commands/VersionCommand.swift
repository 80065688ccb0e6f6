import AssayKit
import BuildStamp
import CCurl
import Foundation

/// `assay version`: the version, the commit it was built from, and the libcurl this machine
/// gives it. `assay --version` prints only the first line and never loads libcurl, so scripts
/// that just want the number do not pay for opening it.
struct VersionCommand: Command {
    static let name = "version"
    static let summary = "Print the version, the commit and the libcurl found."
    static let usage = "assay version"
    static let about = """
        Prints the version, the commit the binary was built from ("unknown" for a plain
        `swift build`) and the libcurl it opens at run time, with that library's path.
        `assay --version` prints the first line only.
        """
    static let options: [Arguments.Option] = []

    let arguments: Arguments

    /// The first line of `version`, and all of `--version`.
    static var versionLine: String { "assay \(AssayVersion.current)" }

    func execute() throws -> Int32 {
        print(Self.versionLine)
        print("commit: \(String(cString: assay_build_commit()))")
        print("libcurl: \(Self.libcurl())")
        return ExitCode.success
    }

    /// libcurl's own version line and the file the loader found; a missing libcurl is reported,
    /// not an error: the version is still worth printing, and `lint`, `list`, `merge` work without it.
    static func libcurl() -> String {
        if let problem = CurlGlobal.problem { return "not available: \(problem)" }
        let line = String(cString: assay_curl_version())
        return loadedLibraryPath().map { "\(line) (\($0))" } ?? line
    }

    /// The file the loader mapped for libcurl, from the process's own memory map: `dladdr` would
    /// say the same, but glibc declares it only for `_GNU_SOURCE`, which Swift's Glibc module is not.
    static func loadedLibraryPath() -> String? {
        // Read to the end: /proc files report a size of 0, which size-trusting readers take at its word.
        guard let maps = FileHandle(forReadingAtPath: "/proc/self/maps")?.readDataToEndOfFile() else { return nil }
        for line in String(decoding: maps, as: UTF8.self).split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = line[slash...]
            if path.split(separator: "/").last?.hasPrefix("libcurl.so") == true { return String(path) }
        }
        return nil
    }
}
