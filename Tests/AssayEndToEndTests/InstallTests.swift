import AssayTestSupport
import Foundation
import Testing

/// `make install` and `make uninstall` (scripts/install.sh), into a staged DESTDIR and PREFIX.
@Suite("Install and uninstall")
struct InstallTests {
    /// The installed binaries run the installed pack from an unrelated folder against the installed
    /// assay-target, and pass it; uninstalling leaves no file behind.
    @Test func installedPackPassesFromAnotherFolderThenUninstallsCleanly() throws {
        let destination = try TemporaryDirectory()
        let environment = ["DESTDIR": destination.url.path, "PREFIX": "/opt/assay"]
        let install = try ShippingScript.run("install.sh", [BuiltProducts.directory.path], environment: environment)
        #expect(install.exitCode == 0, "\(install.allOutput)")
        let prefix = destination.url.appendingPathComponent("opt/assay")
        let share = prefix.appendingPathComponent("share/assay")
        let installed = ShippingScript.files(under: prefix)
        for expected in [
            "bin/assay", "bin/assay-target", "share/man/man1/assay.1", "share/assay/assay.jsonc",
            "share/assay/Suites/openai-compat/models.jsonc", "share/assay/Goldens/openai-compat",
        ] {
            #expect(installed.contains { $0 == expected || $0.hasPrefix(expected + "/") }, "missing \(expected)")
        }

        let target = try TargetProcess(
            arguments: PackRun.targetArguments(mode: "strict", fault: nil),
            executable: prefix.appendingPathComponent("bin/assay-target"))
        defer { target.stop() }
        let elsewhere = try TemporaryDirectory()
        let run = try CLIRun.run(
            prefix.appendingPathComponent("bin/assay"),
            [
                "run", share.appendingPathComponent("Suites").path, "--config",
                share.appendingPathComponent("assay.jsonc").path, "--goldens",
                share.appendingPathComponent("Goldens").path, "--target", target.baseURL, "--out", "out",
            ], environment: PackRun.environment, directory: elsewhere.url, timeout: 180)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        #expect(run.stdout.split(separator: "\n").last?.contains(" passed, 0 failed, ") == true)
        #expect(FileManager.default.fileExists(atPath: elsewhere.url.appendingPathComponent("out/junit.xml").path))

        let uninstall = try ShippingScript.run("install.sh", ["--uninstall"], environment: environment)
        #expect(uninstall.exitCode == 0, "\(uninstall.allOutput)")
        #expect(ShippingScript.files(under: prefix).isEmpty)
    }

    /// Installing binaries that were never built stops with a clear message and installs nothing.
    @Test func missingBinariesAreRefused() throws {
        let destination = try TemporaryDirectory()
        let empty = try TemporaryDirectory()
        let install = try ShippingScript.run(
            "install.sh", [empty.url.path], environment: ["DESTDIR": destination.url.path, "PREFIX": "/usr"])
        #expect(install.exitCode == 2)
        #expect(install.stderr.contains("assay is not built (run make release)"))
        #expect(ShippingScript.files(under: destination.url).isEmpty)
    }

    /// The man page's header names the version the binary reports.
    @Test func manPageNamesTheBuiltVersion() throws {
        let page = try String(contentsOf: PackRun.root.appendingPathComponent("docs/assay.1"), encoding: .utf8)
        let version = try CLIRun.assay(["--version"]).stdout.trimmingCharacters(in: .newlines)
        #expect(
            page.contains(#".TH ASSAY 1 "2026" "\#(version)" "User Commands""#), "the man page is not for \(version)")
    }

    /// The man page renders without a single warning from groff (skipped where groff is absent).
    @Test func manPageRendersCleanly() throws {
        let groff = URL(fileURLWithPath: "/usr/bin/groff")
        guard FileManager.default.isExecutableFile(atPath: groff.path) else { return }
        let page = PackRun.root.appendingPathComponent("docs/assay.1").path
        let rendered = try CLIRun.run(groff, ["-man", "-Tutf8", "-ww", page])
        #expect(rendered.exitCode == 0)
        #expect(rendered.stderr.isEmpty, "\(rendered.stderr)")
        #expect(rendered.stdout.hasPrefix("ASSAY(1)"))
    }
}
