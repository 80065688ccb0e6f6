import Foundation
import Testing

@testable import AssayKit

/// Finding suite files in folders, and reading them as bytes.
@Suite("Suite file reading")
struct SuiteFileReadingTests {
    /// A fresh folder under the temporary directory, removed after `body`.
    private func withFolder(_ body: (String) throws -> Void) throws {
        let folder = NSTemporaryDirectory() + "assay-discover-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    private func loadFailure(_ file: String) -> Diagnostic? {
        do {
            _ = try SuiteLoader.load(file: file)
            return nil
        } catch {
            return error
        }
    }

    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Folders are searched recursively and sorted; names starting with a dot (files or whole folders),
    /// other extensions and links to folders are left out; a link to a file counts.
    @Test func discoveryWalksFoldersAndSkipsHiddenOnes() throws {
        try withFolder { folder in
            for path in [
                "a.jsonc", "sub/b.json", "sub/deeper/c.JSONC", ".hidden.jsonc", ".git/d.json", "notes.txt",
                "sub/e.jsonc.bak", "zz/f.jsonc",
            ] {
                try write("{}", to: folder + "/" + path)
            }
            let fileManager = FileManager.default
            try fileManager.createSymbolicLink(atPath: folder + "/linked", withDestinationPath: folder + "/zz")
            try fileManager.createSymbolicLink(atPath: folder + "/alias.json", withDestinationPath: folder + "/a.jsonc")
            let found = try SuiteLoader.discover([folder + "/"])
            #expect(
                found
                    == ["a.jsonc", "alias.json", "sub/b.json", "sub/deeper/c.JSONC", "zz/f.jsonc"].map {
                        folder + "/" + $0
                    })
            // A file named directly is taken whatever its name, and each file is listed once.
            #expect(
                try SuiteLoader.discover([folder + "/notes.txt", folder + "/zz"]) == [
                    folder + "/notes.txt", folder + "/zz/f.jsonc",
                ])
            #expect(try SuiteLoader.discover([folder + "/zz", folder + "/zz/f.jsonc"]) == [folder + "/zz/f.jsonc"])
        }
    }

    /// Whole files come back byte for byte: empty, larger than one read, and ones whose size the
    /// system does not know ahead (`/proc` reports 0 bytes).
    @Test func fileBytesReadWholeFiles() throws {
        try withFolder { folder in
            try Data().write(to: URL(fileURLWithPath: folder + "/empty"))
            #expect(try FileBytes.contents(of: folder + "/empty").isEmpty)
            let large = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            try large.write(to: URL(fileURLWithPath: folder + "/large"))
            #expect(Data(try FileBytes.contents(of: folder + "/large")) == large)
            let commandLine = try #require(FileManager.default.contents(atPath: "/proc/self/cmdline"))
            #expect(!commandLine.isEmpty)
            #expect(Data(try FileBytes.contents(of: "/proc/self/cmdline")) == commandLine)
        }
    }

    @Test func folderWithoutSuitesIsAnError() throws {
        try withFolder { folder in
            try write("{}", to: folder + "/.only-hidden.jsonc")
            #expect(throws: Diagnostic.self) { try SuiteLoader.discover([folder]) }
            #expect(throws: Diagnostic.self) { try SuiteLoader.discover([folder + "/missing"]) }
        }
    }

    /// A suite is read from its bytes: the same suite as from its text, an unreadable file says why,
    /// and invalid UTF-8 inside a string is an error at that string (not a whole-file failure).
    @Test func suitesAreReadAsBytes() throws {
        try withFolder { folder in
            let text = """
                {"name": "s", "cases": [
                  {"name": "é one", "request": {"path": "/v1/models"}, "expect": {"status": 200}}
                ]}
                """
            try write(text, to: folder + "/s.jsonc")
            let (suite, fingerprint) = try SuiteLoader.loadWithFingerprint(file: folder + "/s.jsonc")
            let fromText = try SuiteDecoder.decode(source: text, file: folder + "/s.jsonc")
            #expect(suite.cases.map(\.name) == fromText.cases.map(\.name))
            #expect(suite.cases.map(\.location) == fromText.cases.map(\.location))
            #expect(try SuiteLoader.loadWithFingerprint(file: folder + "/s.jsonc").fingerprint == fingerprint)

            #expect(
                loadFailure(folder + "/absent.jsonc")?.message == "cannot read suite file: No such file or directory")
            #expect(loadFailure(folder)?.message == "cannot read suite file: Is a directory")

            var broken = Array("{\"name\": \"s\", \"cases\": [{\"name\": \"bad ".utf8)
            broken += [0xC3, 0x28]
            broken += Array("\", \"request\": {\"path\": \"/\"}}]}".utf8)
            try Data(broken).write(to: URL(fileURLWithPath: folder + "/bad.jsonc"))
            let failure = loadFailure(folder + "/bad.jsonc")
            #expect(failure?.message == "invalid UTF-8 in string")
            #expect(failure?.location.map { "\($0.line):\($0.column)" } == "1:34")
        }
    }
}
