import AssayTestSupport
import Foundation
import Testing

/// Bodies a server compresses: decoded by default, left raw with `compressed: false`, and a
/// decoded bomb stopped by `--max-body`.
@Suite("Compressed responses, end to end")
struct CompressionTests {
    /// `bytes` gzipped by the system's gzip, so the test trusts no encoder of its own.
    private static func gzip(_ bytes: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-9", "-n"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Written on another thread: the compressed output must be drained while the input flows.
        let writer = Thread {
            input.fileHandleForWriting.write(bytes)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return compressed
    }

    private static func gzipServer(_ plain: Data) throws -> LoopbackServer {
        let compressed = try gzip(plain)
        var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
        head += "Content-Length: \(compressed.count)\r\n\r\n"
        let response = Data(head.utf8) + compressed
        return try LoopbackServer(scripts: [[.serve { _ in response }]])
    }

    @Test func aGzipBodyIsDecodedAndTheRawOneIsThereOnRequest() throws {
        let server = try Self.gzipServer(Data(#"{"greeting":"hello","n":3}"#.utf8))
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [
              { "name": "decoded", "request": { "path": "/decoded" },
                "expect": { "status": 200, "body": { "greeting": "hello", "n": 3 } } },
              { "name": "raw", "request": { "path": "/raw", "compressed": false },
                "expect": { "status": 200, "headers": { "Content-Encoding": "gzip" } } },
              { "name": "raw is not JSON", "request": { "path": "/raw-json", "compressed": false },
                "expect": { "status": 200, "body": { "greeting": "hello", "n": 3 } } }
            ] }
            """, to: "Suites/gzip.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        // Only the case that judges the raw gzip bytes as JSON fails.
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(run.stdout.contains("✓ gzip / decoded") && run.stdout.contains("✓ gzip / raw "), "\(run.stdout)")
        #expect(run.stdout.contains("✗ gzip / raw is not JSON"), "\(run.stdout)")
        let byPath = Dictionary(server.requests.map { ($0.target, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byPath["/decoded"]?.header("Accept-Encoding")?.contains("gzip") == true)
        #expect(byPath["/raw"].map { $0.header("Accept-Encoding") == nil } == true)
    }

    /// The repro of a failed step asks curl to decode the body when Assay decoded it, and only then.
    @Test func theReproDecodesWhatTheStepDecoded() throws {
        let server = try Self.gzipServer(Data(#"{"greeting":"hello"}"#.utf8))
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [
              { "name": "decoded", "request": { "path": "/d" }, "expect": { "body": { "greeting": "bye" } } },
              { "name": "raw", "request": { "path": "/r", "compressed": false }, "expect": { "status": 201 } } ] }
            """, to: "Suites/gzip.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--json", "out.json"], directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        let report = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: directory.url.appendingPathComponent("out.json")))
                as? [String: Any])
        let suites = report["suites"] as? [[String: Any]] ?? []
        let cases = suites.flatMap { $0["cases"] as? [[String: Any]] ?? [] }
        let steps = cases.flatMap { $0["steps"] as? [[String: Any]] ?? [] }
        let repros = steps.compactMap { $0["curl"] as? String }
        #expect(repros.count == 2, "\(report)")
        #expect(repros.contains { $0.contains("/d") && $0.hasSuffix(" --compressed") }, "\(repros)")
        #expect(repros.contains { $0.contains("/r") && !$0.contains("--compressed") }, "\(repros)")
    }

    @Test func aDecodedBombStopsAtTheBodyCap() throws {
        // 4 MiB of zeros travel as about 4 KiB.
        let server = try Self.gzipServer(Data(count: 4 << 20))
        let directory = try TemporaryDirectory()
        try directory.write(
            #"{ "cases": [ { "name": "bomb", "request": { "path": "/bomb" } } ] }"#, to: "Suites/bomb.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--max-body", "65536"], directory: directory.url)
        #expect(run.exitCode != 0 && run.exitCode != 2, "\(run.allOutput)")
        #expect(run.allOutput.contains("response body exceeds the cap of 65536 bytes"), "\(run.allOutput)")
    }

    @Test func compressedMustBeABoolean() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "cases": [ { "name": "c", "request": { "path": "/",
                "compressed": "no" } } ] }
            """, to: "Suites/bad.jsonc")
        let lint = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(lint.exitCode == 2, "\(lint.allOutput)")
        #expect(lint.allOutput.contains("bad.jsonc:2:"), "\(lint.allOutput)")
        #expect(lint.allOutput.contains("`compressed`"), "\(lint.allOutput)")
    }
}
