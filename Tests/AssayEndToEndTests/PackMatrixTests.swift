import AssayTestSupport
import Foundation
import Testing

/// The proof for the shipped pack: it passes against a healthy assay-target in both modes, and
/// against each fault switch it fails in exactly the cases that fault breaks, and in no others.
@Suite("OpenAI-compatibility pack, fault matrix")
struct PackMatrixTests {
    /// Against a healthy target, every case of the pack passes in strict and in permissive mode.
    @Test(arguments: ["strict", "permissive"])
    func healthyTargetPasses(mode: String) throws {
        let outcome = try PackRun.run(mode: mode)
        #expect(outcome.errored.isEmpty, "\(mode): cases errored: \(outcome.errored.sorted())")
        #expect(outcome.notPassed.isEmpty, "\(mode): \(outcome.notPassed.sorted())\n\(outcome.output)")
        #expect(outcome.notExercised.isEmpty, "\(mode): not exercised: \(outcome.notExercised.sorted())")
        #expect(outcome.exitCode == 0)
        #expect(outcome.caseCount == PackExpectations.caseCount)
    }

    /// Each fault fails exactly the cases named for it in `PackExpectations`, with exit code 1
    /// (or 0 for a fault the pack does not cover), and nothing else.
    @Test func everyFaultFailsExactlyItsCases() throws {
        let faults = try Self.faultNames()
        #expect(
            Set(faults) == Set(PackExpectations.breaks.keys), "the table must name every fault of assay-target --help")
        let outcomes = PackRun.concurrently(faults, width: 6) { fault -> (String, Result<PackRun.Outcome, any Error>) in
            let mode = PackExpectations.permissiveOnly.contains(fault) ? "permissive" : "strict"
            return (fault, Result { try PackRun.run(mode: mode, fault: fault) })
        }
        #expect(outcomes.count == faults.count)
        for (fault, result) in outcomes {
            let expected = Set(PackExpectations.breaks[fault] ?? [])
            switch result {
            case .failure(let error):
                Issue.record("\(fault): the run could not complete: \(error)")
            case .success(let outcome):
                // A case that could not run proves nothing about its clause: a test failure, not a break.
                #expect(
                    outcome.errored.isEmpty, "\(fault): cases errored instead of judging: \(outcome.errored.sorted())")
                let unexpected = outcome.notPassed.subtracting(expected).sorted()
                let missed = expected.subtracting(outcome.notPassed).sorted()
                #expect(
                    unexpected.isEmpty && missed.isEmpty,
                    "\(fault): failed but should not: \(unexpected); should fail but did not: \(missed)")
                // Where the fault leaves nothing to observe, the case says so instead of passing.
                let unobserved = Set(PackExpectations.notExercised[fault] ?? [])
                #expect(
                    outcome.notExercised == unobserved,
                    "\(fault): not exercised \(outcome.notExercised.sorted()), expected \(unobserved.sorted())")
                #expect(outcome.exitCode == (expected.isEmpty ? 0 : 1), "\(fault): exit code \(outcome.exitCode)")
            }
        }
    }

    /// A profile built on the reference target's, overriding `body` (the inside of a JSON object).
    static func profile(_ body: String, in directory: TemporaryDirectory) throws -> URL {
        let text = #"{ "extends": "\#(PackRun.referenceProfile.path)", \#(body) }"#
        return URL(fileURLWithPath: try directory.write(text, to: "profile.jsonc"))
    }

    /// A server without trace ids, described as such (`trace: none`), fails nothing: the trace clause
    /// is skipped with the profile's reason, and no other clause looked at trace headers.
    @Test func traceNoneSkipsOnlyTheTraceClause() throws {
        let directory = try TemporaryDirectory()
        let profile = try Self.profile(#""name": "no-trace-ids", "trace": "none""#, in: directory)
        let outcome = try PackRun.run(mode: "strict", fault: "no-trace-header", profile: profile)
        #expect(outcome.notPassed.isEmpty, "\(outcome.notPassed.sorted())\n\(outcome.output)")
        #expect(outcome.notExercised.isEmpty, "\(outcome.notExercised.sorted())")
        #expect(outcome.skipped == Set(PackExpectations.traceCases))
        #expect(outcome.output.contains("not claimed by profile no-trace-ids (`trace`): the target sends no trace id"))
        #expect(outcome.exitCode == 0)
    }

    /// A 5xx reachable only through a POST body is provoked by the profile's own request, and the trace
    /// case on it passes (with the reference profile's request it is not exercised: see the table).
    @Test func profileFailRequestReachesABodyOnly5xx() throws {
        let directory = try TemporaryDirectory()
        let profile = try Self.profile(
            #""variables": { "failRequest": { "method": "POST", "path": "/v1/embeddings", "body": { "model": "assay-small", "input": "x", "dimensions": 0 } } }"#,
            in: directory)
        let outcome = try PackRun.run(mode: "strict", fault: "fail-only-by-body", profile: profile)
        #expect(outcome.notPassed.isEmpty && outcome.notExercised.isEmpty, "\(outcome.output)")
        #expect(outcome.exitCode == 0)
    }

    /// The fault names, read from `assay-target --help` so a new fault cannot be left out of the table.
    static func faultNames() throws -> [String] {
        let help = try CLIRun.run(BuiltProducts.executable("assay-target"), ["--help"]).stdout
        let faults = help.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard line.hasPrefix("  "), parts.count > 2, parts[1].hasPrefix("[") else { return nil }
            return String(parts[0])
        }
        return faults
    }
}
