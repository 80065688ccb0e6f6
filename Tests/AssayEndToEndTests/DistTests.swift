import AssayTestSupport
import Foundation
import Testing

/// `make dist` (scripts/dist.sh): the release tarball, its checksum, and the Dockerfile that uses it.
@Suite("Release tarball")
struct DistTests {
    /// A fixed commit date, as the Makefile passes it.
    static let epoch = "1795700535"

    /// Packs the built binaries into `folder`; returns the tarball's URL.
    static func dist(into folder: TemporaryDirectory) throws -> URL {
        let outcome = try ShippingScript.run("dist.sh", [BuiltProducts.directory.path, folder.url.path, epoch])
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        let path = try #require(outcome.stdout.split(separator: "\n").last.map(String.init))
        return URL(fileURLWithPath: path)
    }

    /// `tar -tvzf` of the tarball, one entry a line.
    static func listing(_ tarball: URL) throws -> [String] {
        let listed = try CLIRun.run(
            URL(fileURLWithPath: "/usr/bin/tar"), ["--numeric-owner", "-tvzf", tarball.path], environment: ["TZ": "UTC"]
        )
        #expect(listed.exitCode == 0, "\(listed.stderr)")
        return listed.stdout.split(separator: "\n").map(String.init)
    }

    /// Two packings of the same binaries give the same bytes, with a checksum file that verifies,
    /// entries owned by 0 and dated at the commit, and everything the release promises.
    @Test func packingTwiceGivesIdenticalBytes() throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        let one = try Self.dist(into: first)
        let two = try Self.dist(into: second)
        #expect(one.lastPathComponent == two.lastPathComponent)
        #expect(try Data(contentsOf: one) == Data(contentsOf: two), "the two tarballs differ")

        let check = try CLIRun.run(
            URL(fileURLWithPath: "/usr/bin/sha256sum"), ["-c", one.lastPathComponent + ".sha256"], directory: first.url)
        #expect(check.exitCode == 0, "\(check.allOutput)")

        let entries = try Self.listing(one)
        let names = entries.compactMap { $0.split(separator: " ").last.map(String.init) }
        let top = one.lastPathComponent.replacingOccurrences(of: ".tar.gz", with: "")
        #expect(top.hasPrefix("assay-") && top.contains("-linux-"))
        for expected in [
            "bin/assay", "bin/assay-target", "README.md", "LICENSE", "share/man/man1/assay.1",
            "share/assay/assay.jsonc", "share/assay/Suites/openai-compat/models.jsonc",
        ] {
            #expect(names.contains("\(top)/\(expected)"), "missing \(expected)")
        }
        for entry in entries {
            #expect(entry.contains(" 0/0 "), "not owned by 0: \(entry)")
            #expect(entry.contains(" 2026-11-26 13:42 "), "not dated at the commit: \(entry)")
        }
        // The packed binaries are stripped: smaller than the ones built.
        let built = try FileManager.default.attributesOfItem(atPath: BuiltProducts.executable("assay").path)
        let packedLine = try #require(entries.first { $0.hasSuffix("\(top)/bin/assay") })
        let packedSize = packedLine.split(separator: " ").dropFirst(2).first.flatMap { Int($0) } ?? .max
        #expect(packedSize < (built[.size] as? Int ?? 0))
    }

    /// The Dockerfile names only what `make dist` produces: the tarball it ADDs and, inside it,
    /// every /opt path it links.
    @Test func dockerfileNamesOnlyDistFiles() throws {
        let folder = try TemporaryDirectory()
        let tarball = try Self.dist(into: folder)
        let names = try Self.listing(tarball).compactMap { $0.split(separator: " ").last.map(String.init) }
        let produced = Set(try FileManager.default.contentsOfDirectory(atPath: folder.url.path))
        let top = tarball.lastPathComponent.replacingOccurrences(of: ".tar.gz", with: "")
        let parts = top.split(separator: "-")  // assay, VERSION, linux, ARCH
        let dockerfile = try String(
            contentsOf: PackRun.root.appendingPathComponent("Dockerfile"), encoding: .utf8)
        #expect(dockerfile.contains("ARG VERSION=\(parts[1])\n"), "the Dockerfile's VERSION is not the built one")
        // Instructions only: comments may describe paths in general terms.
        let text = dockerfile.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
            .replacingOccurrences(of: "${VERSION}", with: String(parts[1]))
            .replacingOccurrences(of: "${ARCH}", with: String(parts[3]))

        var added = 0
        for line in text.split(separator: "\n") where line.hasPrefix("ADD ") || line.hasPrefix("COPY ") {
            let words = line.split(separator: " ").dropFirst().filter { !$0.hasPrefix("--") }
            for source in words.dropLast() {
                #expect(produced.contains(String(source)), "\(source) is not produced by make dist")
                added += 1
            }
        }
        #expect(added == 1)
        var linked = 0
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) where word.hasPrefix("/opt/") {
            let inside = word.dropFirst("/opt/".count)
            guard inside.contains("/") else { continue }
            #expect(
                names.contains(String(inside)) || names.contains(String(inside) + "/"),
                "\(word) is not in the tarball")
            linked += 1
        }
        #expect(linked == 3)
    }

    /// The `tar` line of docs/CI.md's install recipe, run on the produced tarball into a scratch
    /// prefix, gives a working `assay` and the pack beside it, and nothing at the prefix's top.
    @Test func documentedTarLineInstallsAWorkingAssay() throws {
        let folder = try TemporaryDirectory()
        let tarball = try Self.dist(into: folder)
        let install = try #require(
            try CIRecipeTests.section("Install anywhere").first { $0.hasPrefix("tar -xzf ") }, "no tar line")
        let prefix = try TemporaryDirectory()
        let extracted = try CLIRun.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", install.replacingOccurrences(of: "/usr/local", with: prefix.url.path)],
            environment: ["NAME": tarball.lastPathComponent.replacingOccurrences(of: ".tar.gz", with: "")],
            directory: folder.url)
        #expect(extracted.exitCode == 0, "\(extracted.allOutput)")
        let installed = ShippingScript.files(under: prefix.url)
        #expect(installed.contains("share/assay/assay.jsonc") && installed.contains("share/man/man1/assay.1"))
        #expect(installed.allSatisfy { $0.hasPrefix("bin/") || $0.hasPrefix("share/") }, "\(installed)")
        let version = try CLIRun.run(prefix.url.appendingPathComponent("bin/assay"), ["version"])
        #expect(version.exitCode == 0 && version.stdout.hasPrefix("assay "), "\(version.allOutput)")
    }
}
