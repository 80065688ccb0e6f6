import AssayTestSupport
import Foundation
import Testing

/// A target that answers deeply nested JSON must not crash the run: a body past the nesting limit
/// is that case's classified failure, one within it is judged like any other, and the run goes on
/// to write every report.
@Suite("Deeply nested JSON bodies, end to end")
struct DeepJSONTests {
    /// `depth` arrays, one inside the other, around `1`.
    static func nestedArrays(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
    }

    /// `depth` objects, each the member `a` of the one outside it, around `leaf`.
    static func nestedObjects(_ depth: Int, leaf: String = "1") -> String {
        String(repeating: #"{"a":"#, count: depth) + leaf + String(repeating: "}", count: depth)
    }

    /// The body the loopback target answers for each path.
    static func body(for target: String) -> String {
        let parts = target.split(separator: "/")
        guard parts.count == 2, let depth = Int(parts[1]) else { return #"{"ok":true}"# }
        return parts[0] == "arrays" ? nestedArrays(depth) : nestedObjects(depth)
    }

    static let deepDepths = [600, 10_000, 1_000_000]

    /// A suite with: a healthy case first and last; bodies within the limit compared against an
    /// expectation as deep (so the comparator, the diff and the reports walk the whole tree) and
    /// against a golden; and bodies past the limit, which must fail as such.
    static func suite() -> String {
        var cases: [String] = [#"{"name": "ok before", "request": {"path": "/ok"}, "expect": {"body": {"ok": true}}}"#]
        cases.append(
            #"{"name": "objects 300", "request": {"path": "/objects/300"}, "expect": {"body": \#(nestedObjects(300, leaf: "2"))}}"#
        )
        cases.append(
            #"{"name": "arrays 300", "request": {"path": "/arrays/300"}, "expect": {"body": \#(nestedArrays(299))}}"#)
        cases.append(
            #"{"name": "objects 300 golden", "request": {"path": "/objects/300"}, "expect": {"golden": "deep.json"}}"#)
        for depth in deepDepths {
            for shape in ["arrays", "objects"] {
                cases.append(
                    #"{"name": "\#(shape) \#(depth)", "request": {"path": "/\#(shape)/\#(depth)"}, "expect": {"body": {"ok": true}}}"#
                )
            }
        }
        cases.append(#"{"name": "ok after", "request": {"path": "/ok"}, "expect": {"body": {"ok": true}}}"#)
        return #"{"name": "deep", "cases": [\#(cases.joined(separator: ",\n"))]}"#
    }

    @Test(arguments: [1, 4])
    func deepBodiesFailTheirCasesAndTheRunGoesOn(parallel: Int) throws {
        let directory = try TemporaryDirectory()
        try directory.write(Self.suite(), to: "Suites/deep.jsonc")
        try directory.write(Self.nestedObjects(300, leaf: "3"), to: "Goldens/deep.json")
        let server = try LoopbackServer(script: [
            .serve { request in
                let body = Self.body(for: String(request.target.dropFirst()))
                return LoopbackServer.response(headers: [("Content-Type", "application/json")], body: body)
            }
        ])
        let outcome = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--parallel", String(parallel), "--out", "out"],
            directory: directory.url)
        #expect(outcome.exitCode == 1, "\(outcome.allOutput.prefix(4000))")
        let total = 4 + 2 * Self.deepDepths.count + 1
        #expect(
            outcome.stdout.split(separator: "\n").last == "2 passed, \(total - 2) failed, 0 skipped",
            "\(outcome.allOutput.prefix(4000))")
        #expect(outcome.stdout.contains("nesting depth exceeds the limit of 512"))
        for file in ["junit.xml", "report.json", "report.md", "report.html", "badge.svg"] {
            #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("out/\(file)").path))
        }
        let report = try directory.read("out/report.json")
        for depth in Self.deepDepths {
            #expect(report.contains("\"name\" : \"arrays \(depth)\""))
            #expect(report.contains("\"name\" : \"objects \(depth)\""))
        }
        #expect(report.contains("\"name\" : \"ok after\""))
    }
}
