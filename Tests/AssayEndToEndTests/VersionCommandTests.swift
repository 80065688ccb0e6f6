import AssayTestSupport
import Foundation
import Testing

/// `assay version` and `assay --version`, run as a user would.
@Suite("Version")
struct VersionCommandTests {
    /// `version` prints the version, the commit (unknown in a plain `swift build`) and the libcurl
    /// it opened, with the library's version line and the file the loader found.
    @Test func versionNamesCommitAndLibcurl() throws {
        let outcome = try CLIRun.assay(["version"])
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(outcome.stdout)")
        #expect(lines.first?.hasPrefix("assay ") == true)
        #expect(lines.dropFirst().first == "commit: unknown")
        let libcurl = lines.dropFirst(2).first ?? ""
        #expect(libcurl.hasPrefix("libcurl: libcurl/"), "\(libcurl)")
        #expect(libcurl.contains("libcurl.so") && libcurl.hasSuffix(")"), "\(libcurl)")
    }

    /// `--version` (and `-V`) print the first line only, the same as `version` starts with.
    @Test func shortVersionIsOneLine() throws {
        let full = try CLIRun.assay(["version"])
        for flag in ["--version", "-V"] {
            let outcome = try CLIRun.assay([flag])
            #expect(outcome.exitCode == 0)
            #expect(outcome.stdout == (full.stdout.split(separator: "\n").first.map { "\($0)\n" } ?? ""))
        }
    }

    /// `version --help` explains itself; an unknown option is a usage error.
    @Test func versionHelpAndMistakes() throws {
        let help = try CLIRun.assay(["version", "--help"])
        #expect(help.exitCode == 0 && help.stdout.contains("USAGE: assay version"))
        let wrong = try CLIRun.assay(["version", "--nope"])
        #expect(wrong.exitCode == 2)
    }
}
