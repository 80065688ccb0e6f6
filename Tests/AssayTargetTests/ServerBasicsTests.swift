import AssayTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ServerBasicsTests {
    /// Proves the launcher learns the port from the first stdout line and the models list answers over it.
    @Test func listsModels() throws {
        let target = try Fixtures.start()
        #expect(target.baseURL == "http://127.0.0.1:\(target.port)")
        let client = try RawHTTPClient(port: target.port)
        let response = try client.request("GET", "/v1/models", token: Tokens.full)
        #expect(response.status == 200)
        let ids = (response.json?["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == ["assay-small", "assay-large"])
        #expect(response.json?["object"] as? String == "list")
    }

    /// Proves a known model id is served and an unknown one gets 404 model_not_found in the envelope.
    @Test func modelLookup() throws {
        let target = try Fixtures.start(["--model", "m-one"])
        let client = try RawHTTPClient(port: target.port)
        let known = try client.request("GET", "/v1/models/m-one", token: Tokens.full)
        #expect(known.status == 200)
        #expect(known.json?["id"] as? String == "m-one")
        let unknown = try client.request("GET", "/v1/models/assay-small", token: Tokens.full)
        #expect(unknown.status == 404)
        #expect(Fixtures.hasEnvelope(unknown, code: "model_not_found"))
        #expect(unknown.envelope?["type"] as? String == "invalid_request_error")
    }

    /// Proves keep-alive: several requests are answered on one connection.
    @Test func keepAlive() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        for _ in 0..<5 {
            let response = try client.request("GET", "/v1/models", token: Tokens.full)
            #expect(response.status == 200)
            #expect(response.header("Connection") == "keep-alive")
        }
    }

    /// Proves `Connection: close` is honoured: the server closes after answering.
    @Test func connectionClose() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let response = try client.request("GET", "/healthz", headers: ["Connection": "close"])
        #expect(response.status == 200)
        #expect(client.isClosedByPeer())
    }

    /// Proves every response, success or error, carries a 32-hex X-Trace-Id equal to X-Request-Id, unique per response.
    @Test func traceHeadersEverywhere() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        var seen: Set<String> = []
        let probes: [(String, String, String?)] = [
            ("GET", "/v1/models", Tokens.full), ("GET", "/v1/models/nope", Tokens.full), ("GET", "/v1/models", nil),
            ("POST", "/v1/debug/fail", Tokens.full), ("GET", "/healthz", nil), ("GET", "/nowhere", nil),
            ("DELETE", "/v1/models", Tokens.full),
        ]
        for (method, path, token) in probes {
            let response = try client.request(method, path, token: token)
            let trace = response.header("X-Trace-Id")
            #expect(Fixtures.isTraceID(trace), "\(method) \(path)")
            #expect(response.header("X-Request-Id") == trace, "\(method) \(path)")
            if let trace { seen.insert(trace) }
        }
        #expect(seen.count == probes.count)
    }

    /// Proves the debug route answers a 500 server_error envelope with a null code.
    @Test func debugRouteAnswers500() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let response = try client.request("POST", "/v1/debug/fail", token: Tokens.full)
        #expect(response.status == 500)
        #expect(Fixtures.hasEnvelope(response, code: nil))
        #expect(response.envelope?["type"] as? String == "server_error")
    }

    /// Proves unknown routes answer 404 and wrong methods 405 with Allow, both in the envelope.
    @Test func unknownRouteAndWrongMethod() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        let missing = try client.request("GET", "/v1/nothing-here", token: Tokens.full)
        #expect(missing.status == 404)
        #expect(Fixtures.hasEnvelope(missing, code: "unknown_url"))
        let wrong = try client.request("DELETE", "/v1/models", token: Tokens.full)
        #expect(wrong.status == 405)
        #expect(wrong.header("Allow") == "GET")
        #expect(Fixtures.hasEnvelope(wrong, code: "method_not_allowed"))
    }

    /// Proves many concurrent connections are each served.
    @Test func concurrentConnections() async throws {
        let target = try Fixtures.start()
        let port = target.port
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    let client = try RawHTTPClient(port: port)
                    return try client.request("GET", "/v1/models", token: Tokens.full).status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 32))
    }

    /// Proves --port-file receives the same port as the first stdout line.
    @Test func portFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("port-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let target = try Fixtures.start(["--port-file", path])
        let written = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(written == String(target.port))
    }

    /// Proves SIGTERM stops the server gracefully with exit status 0.
    @Test func sigtermExitsCleanly() throws {
        let target = try Fixtures.start()
        let client = try RawHTTPClient(port: target.port)
        #expect(try client.request("GET", "/healthz").status == 200)
        #expect(target.stop() == 0)
    }

    /// Proves SIGINT also stops the server gracefully.
    @Test func sigintExitsCleanly() throws {
        let target = try Fixtures.start()
        kill(target.process.processIdentifier, SIGINT)
        target.process.waitUntilExit()
        #expect(target.process.terminationStatus == 0)
    }

    /// Proves the launcher fails with a clear error instead of hanging when the binary rejects its flags.
    @Test func launcherReportsStartFailure() throws {
        #expect(throws: TargetProcessError.self) { try TargetProcess(arguments: ["--no-such-flag"]) }
    }

    /// Proves --help documents every fault and flag.
    @Test func helpListsFaultsAndFlags() throws {
        let process = Process()
        process.executableURL = BuiltProducts.executable("assay-target")
        process.arguments = ["--help"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for flag in [
            "--port", "--port-file", "--mode", "--token", "--fault", "--rate-limit", "--burst",
            "--heartbeat-ms", "--first-token-delay-ms", "--token-interval-ms", "--idempotency-ttl",
        ] {
            #expect(text.contains(flag), "\(flag)")
        }
        #expect(text.contains("no-trace-on-500"))
    }
}
