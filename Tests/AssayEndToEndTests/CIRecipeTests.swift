import AssayTestSupport
import Foundation
import Testing

/// The shard and merge commands of docs/CI.md, taken from the document and run in a shell with
/// the variables GitLab and Kubernetes set, against assay-target on loopback: the recipes are
/// run as written, not retyped here.
@Suite("CI recipes from docs/CI.md")
struct CIRecipeTests {
    /// The lines of the section of docs/CI.md whose heading starts with `heading`.
    static func section(_ heading: String) throws -> [Substring] {
        let text = try String(contentsOf: PackRun.root.appendingPathComponent("docs/CI.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix("## \(heading)") }, "no section \(heading)")
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.endIndex
        return Array(lines[(start + 1)..<end])
    }

    /// The shell scripts of YAML block scalars (`- |`) in `lines`, dedented, in order.
    static func blockScripts(_ lines: [Substring]) -> [String] {
        var scripts: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard line.trimmingCharacters(in: .whitespaces) == "- |" else { continue }
            let indent = line.prefix { $0 == " " }.count
            var body: [Substring] = []
            while index < lines.count, lines[index].prefix(while: { $0 == " " }).count > indent {
                body.append(lines[index])
                index += 1
            }
            let margin = body.map { $0.prefix { $0 == " " }.count }.min() ?? 0
            scripts.append(body.map { String($0.dropFirst(margin)) }.joined(separator: "\n"))
        }
        return scripts
    }

    /// Runs `script` with /bin/sh in `folder`, the built `assay` first on PATH.
    static func shell(_ script: String, in folder: URL, _ environment: [String: String]) throws -> CLIOutcome {
        let path = BuiltProducts.directory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try CLIRun.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", script],
            environment: environment.merging(["PATH": path, "E2E_TOKEN": EndToEndFixture.token]) { $1 },
            directory: folder)
    }

    /// GitLab: each `parallel:` copy runs the `contract` line with its CI_NODE_INDEX, then the
    /// `report` line merges their JSON into one report of every case; each copy left its JUnit file.
    @Test func gitLabShardsAndMerge() throws {
        let commands = try Self.section("GitLab").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("- assay ") }.map { String($0.dropFirst(2)) }
        #expect(commands.count == 2, "\(commands)")
        let fixture = try EndToEndFixture()
        let target = try TargetProcess(arguments: ["--mode", "strict", "--token", EndToEndFixture.token])
        defer { target.stop() }
        for node in 1...2 {
            let shard = try Self.shell(
                commands[0], in: fixture.directory.url,
                ["API_URL": target.baseURL, "CI_NODE_INDEX": "\(node)", "CI_NODE_TOTAL": "2"])
            #expect(shard.exitCode == 0, "\(shard.allOutput)")
            #expect(
                FileManager.default.fileExists(
                    atPath: fixture.directory.url.appendingPathComponent("junit-\(node).xml").path))
        }
        let merge = try Self.shell(commands[1], in: fixture.directory.url, [:])
        #expect(merge.exitCode == 0, "\(merge.allOutput)")
        #expect(merge.stdout.contains("merged 2 report(s): 2 case(s)"), "\(merge.stdout)")
        #expect(
            FileManager.default.fileExists(atPath: fixture.directory.url.appendingPathComponent("out/report.html").path)
        )
    }

    /// Kubernetes: every index of the Indexed Job runs the shard script (index 0 is shard 1); a red
    /// shard still exits 0, so the Job does not retry it, and the merge script exits 1 for the whole
    /// run and prints the health report.
    @Test func kubernetesIndexedShardsAndMerge() throws {
        let scripts = Self.blockScripts(try Self.section("Kubernetes"))
        #expect(scripts.count == 2, "\(scripts)")
        let fixture = try EndToEndFixture()
        let reports = try TemporaryDirectory()
        let onDisk = scripts.map { $0.replacingOccurrences(of: "/reports", with: reports.url.path) }
        // A permissive target breaks the strict "missing token" case: one shard is red.
        let target = try TargetProcess(arguments: ["--mode", "permissive", "--token", EndToEndFixture.token])
        defer { target.stop() }
        for index in 0..<2 {
            let shard = try Self.shell(
                onDisk[0], in: fixture.directory.url,
                ["API_URL": target.baseURL, "JOB_COMPLETION_INDEX": "\(index)", "SHARDS": "2"])
            #expect(shard.exitCode == 0, "\(shard.allOutput)")
        }
        #expect(ShippingScript.files(under: reports.url) == ["shard-0.json", "shard-1.json"])
        let merge = try Self.shell(onDisk[1], in: fixture.directory.url, [:])
        #expect(merge.exitCode == 1, "\(merge.allOutput)")
        #expect(merge.stdout.contains("merged 2 report(s): 2 case(s)"), "\(merge.stdout)")
        #expect(merge.stdout.contains("missing token"), "the health report names the failed case")
    }

    /// Kubernetes: a suite error in a shard exits 2, which the Job's podFailurePolicy turns into a failed Job.
    @Test func kubernetesShardWithBrokenSuiteExitsTwo() throws {
        let scripts = Self.blockScripts(try Self.section("Kubernetes"))
        let fixture = try EndToEndFixture()
        try fixture.directory.write(
            #"{"cases": [{"name": "x", "request": {"pathh": "/"}}]}"#, to: "Suites/broken.jsonc")
        let reports = try TemporaryDirectory()
        let shard = try Self.shell(
            scripts[0].replacingOccurrences(of: "/reports", with: reports.url.path), in: fixture.directory.url,
            ["API_URL": "http://127.0.0.1:1", "JOB_COMPLETION_INDEX": "0", "SHARDS": "2"])
        #expect(shard.exitCode == 2, "\(shard.allOutput)")
    }
}
