import AssayTestSupport
import Foundation
import Testing

/// The target profiles shipped for real servers (`make conformance` runs them, which `make test`
/// does not) must stay valid as the pack changes: each one lints with the real binary, every
/// clause it does not claim says why, and it names the server it was written for.
@Suite("Shipped target profiles")
struct ShippedProfilesTests {
    static let folder = PackRun.root.appendingPathComponent("Suites/openai-compat/profiles")

    static var profiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonc") }.sorted()
    }

    @Test func theRealServersHaveProfiles() {
        #expect(Set(Self.profiles).isSuperset(of: ["litellm.jsonc", "xpyd-sim.jsonc", "reference-target.jsonc"]))
    }

    @Test(arguments: profiles)
    func profileLints(_ name: String) throws {
        let outcome = try CLIRun.assay(
            ["lint", "--config", Self.folder.appendingPathComponent(name).path],
            environment: ["ASSAY_TOKEN": "sk-lint", "ASSAY_LIMITED_TOKEN": "sk-lint", "ASSAY_RATE_TOKEN": "sk-lint"],
            directory: PackRun.root)
        #expect(outcome.exitCode == 0, "\(name): \(outcome.allOutput)")
        #expect(outcome.stdout.contains("no problems"), "\(outcome.stdout)")
    }

    /// A clause left out without a reason would read as a bare "skipped" in the matrix.
    @Test(arguments: profiles)
    func everyUnclaimedClauseGivesItsReason(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let unreasoned = text.split(separator: "\n").filter { $0.contains(": false") && $0.contains("\"") }
        #expect(unreasoned.isEmpty, "\(name): \(unreasoned)")
    }
}
