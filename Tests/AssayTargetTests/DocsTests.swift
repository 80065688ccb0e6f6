import AssayTargetKit
import Foundation
import Testing

@Suite struct DocsTests {
    static let docsURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/TARGET.md")

    /// Proves docs/TARGET.md lists every fault with its current summary and every flag, so the docs cannot drift from the enum.
    @Test func docsCoverFaultsAndFlags() throws {
        let docs = try String(contentsOf: Self.docsURL, encoding: .utf8)
        for fault in Fault.allCases {
            #expect(docs.contains("| `\(fault.rawValue)` | \(fault.area) |"), "\(fault.rawValue)")
            #expect(
                docs.contains(fault.summary.replacingOccurrences(of: "|", with: "\\|")), "\(fault.rawValue) summary")
        }
        for flag in TargetOptions.flagDocs {
            #expect(docs.contains("`\(flag.flag.replacingOccurrences(of: "|", with: "\\|"))`"), "\(flag.flag)")
        }
    }

    /// Proves --help renders every fault and every flag from the same tables.
    @Test func helpCoversFaultsAndFlags() {
        let help = TargetOptions.helpText
        for fault in Fault.allCases { #expect(help.contains(fault.rawValue + " ")) }
        for flag in TargetOptions.flagDocs { #expect(help.contains(flag.flag)) }
    }

    /// Proves flag parsing: values, repeatable tokens with scopes, durations, faults, and clear errors for bad input.
    @Test func parsesFlags() throws {
        let command = try TargetOptions.parse([
            "--port", "0", "--mode=permissive", "--token", "a", "--token", "b=models:read,chat:write",
            "--fault", "no-done,no-heartbeat", "--idempotency-ttl", "2s", "--rate-limit", "2.5", "--burst", "4",
        ])
        guard case .run(let options) = command else {
            Issue.record("expected run")
            return
        }
        #expect(options.mode == .permissive)
        #expect(options.tokens.map(\.token) == ["a", "b"])
        #expect(options.tokens.last?.scopes == [.modelsRead, .chatWrite])
        #expect(options.tokens.first?.scopes == Set(Scope.allCases))
        #expect(options.faults == [.noDone, .noHeartbeat])
        #expect(options.idempotencyTTL == 2)
        #expect(options.rateLimit == 2.5 && options.burst == 4)
        #expect(throws: OptionsError.self) { try TargetOptions.parse(["--fault", "nope"]) }
        #expect(throws: OptionsError.self) { try TargetOptions.parse(["--token", "x=bad:scope"]) }
        #expect(throws: OptionsError.self) { try TargetOptions.parse(["--mode", "lenient"]) }
        #expect(throws: OptionsError.self) { try TargetOptions.parse(["--port"]) }
    }
}
