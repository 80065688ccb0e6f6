import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// The trace policy applied by the real runner to every exchange, against loopback servers
/// that keep and that break each clause.
@Suite struct TraceAuditTests {
    static let twoCases = """
        { "name": "t", "trace": { "headers": "X-Trace-Id", "format": "hex32", "unique": true },
          "cases": [
            { "name": "ok", "request": { "path": "/ok" }, "expect": { "status": 200 } },
            { "name": "boom", "request": { "path": "/boom" }, "expect": { "status": 500 } } ] }
        """

    /// A server whose ids are fresh 32-hex values per response, and whose 500 may drop the header.
    static func server(idOn500: Bool) throws -> LoopbackServer {
        let counter = ServerState(0)
        return try ContractHarness.server { request in
            let id = String(
                format: "%032x",
                counter.with { n -> Int in
                    n += 1; return n
                } + 0xabc000)
            if request.target == "/boom" {
                return ContractHarness.reply(
                    status: 500, headers: idOn500 ? [("X-Trace-Id", id)] : [], body: "Internal Server Error")
            }
            return ContractHarness.reply(headers: [("X-Trace-Id", id)], body: "{}")
        }
    }

    /// A 500 without the trace header fails with a message naming status and header, and is counted by class.
    @Test func missingOn500Fails() throws {
        let server = try Self.server(idOn500: false)
        let result = try ContractHarness.run(Self.twoCases, target: server.baseURL)
        #expect(ContractHarness.failures(result) == ["trace: 500 response has no X-Trace-Id header"])
        #expect(result.cases.map(\.verdict) == [.passed, .failed])
        let summary = try #require(result.traceSummary)
        #expect(summary.responses == 2)
        #expect(summary.missingByClass == ["5xx": 1])
        #expect(summary.line.contains("1 without an id (1 × 5xx)"))
    }

    /// The same suite passes against a server that keeps the id on its 500.
    @Test func idOn500Passes() throws {
        let server = try Self.server(idOn500: true)
        let result = try ContractHarness.run(Self.twoCases, target: server.baseURL)
        #expect(ContractHarness.failures(result).isEmpty)
        #expect(result.summary.passed == 2)
        #expect(result.traceSummary?.missing == 0)
        #expect(
            result.cases.flatMap { $0.steps.flatMap(\.checks) }.filter { $0.kind == "trace" && $0.passed }.count == 2)
    }

    /// A malformed id fails with the header, the value seen and the format.
    @Test func malformedIdFails() throws {
        let server = try ContractHarness.server { _ in ContractHarness.reply(headers: [("X-Trace-Id", "abc")]) }
        let result = try ContractHarness.run(Self.twoCases, target: server.baseURL)
        #expect(
            ContractHarness.failures(result, kind: "trace").first
                == #"trace: X-Trace-Id "abc" on the 200 response is not hex32 (expected 32 hex digits)"#)
    }

    /// A repeated id is named with the case that first received it (and `unique` off lets it pass).
    @Test func duplicateIdNamesFirstCase() throws {
        let id = "3fa85f6457174562b3fc2c963f66afa1"
        let server = try ContractHarness.server { _ in ContractHarness.reply(headers: [("X-Trace-Id", id)]) }
        let result = try ContractHarness.run(
            Self.twoCases.replacingOccurrences(of: "/boom", with: "/ok").replacingOccurrences(of: "500", with: "200"),
            target: server.baseURL)
        #expect(
            ContractHarness.failures(result)
                == ["trace: X-Trace-Id \"\(id)\" on the 200 response was already returned by t/ok"])
        let lenient = try ContractHarness.run(
            Self.twoCases.replacingOccurrences(of: "\"unique\": true", with: "\"unique\": false")
                .replacingOccurrences(of: "/boom", with: "/ok").replacingOccurrences(of: "500", with: "200"),
            target: server.baseURL)
        #expect(ContractHarness.failures(lenient).isEmpty)
    }

    /// The ledger is shared by concurrent workers: 24 cases on 4 workers see exactly 23 duplicates of a
    /// constant id, and none when every id is fresh.
    @Test func ledgerIsRunWideUnderConcurrency() throws {
        let cases = (1...24).map { #"{ "name": "c\#($0)", "request": { "path": "/ok" } }"# }.joined(separator: ",")
        let suite = #"{ "name": "p", "trace": { "headers": "X-Trace-Id", "unique": true }, "cases": [\#(cases)] }"#
        let constant = try ContractHarness.server { _ in ContractHarness.reply(headers: [("X-Trace-Id", "same")]) }
        let bad = try ContractHarness.run(suite, target: constant.baseURL, parallel: 4)
        #expect(ContractHarness.failures(bad).count == 23)
        #expect(bad.traceSummary?.responses == 24)
        let fresh = try Self.server(idOn500: true)
        let good = try ContractHarness.run(suite, target: fresh.baseURL, parallel: 4)
        #expect(ContractHarness.failures(good).isEmpty)
        #expect(good.summary.passed == 24)
    }

    /// A client-sent id must come back unchanged when `echo` is on; an echoed value is exempt from the format.
    @Test func echo() throws {
        let suite = """
            { "name": "e", "trace": { "headers": "X-Request-Id", "format": "uuid", "echo": true },
              "cases": [{ "name": "sent", "request": { "path": "/", "headers": { "X-Request-Id": "client-abc" } } }] }
            """
        let echoing = try ContractHarness.server { request in
            ContractHarness.reply(headers: [("X-Request-Id", request.header("X-Request-Id") ?? UUID().uuidString)])
        }
        #expect(ContractHarness.failures(try ContractHarness.run(suite, target: echoing.baseURL)).isEmpty)
        let replacing = try ContractHarness.server { _ in
            ContractHarness.reply(headers: [("X-Request-Id", "3fa85f64-5717-4562-b3fc-2c963f66afa6")])
        }
        #expect(
            ContractHarness.failures(try ContractHarness.run(suite, target: replacing.baseURL))
                == [
                    #"trace: X-Request-Id sent as "client-abc" came back as "3fa85f64-5717-4562-b3fc-2c963f66afa6" on the 200 response"#
                ])
    }

    /// `requireEqual` fails when both headers are present with different values, and passes when they agree.
    @Test func requireEqual() throws {
        let suite = """
            { "name": "q", "trace": { "headers": ["X-Trace-Id", "X-Request-Id"], "requireEqual": ["X-Trace-Id", "X-Request-Id"] },
              "cases": [{ "name": "a", "request": { "path": "/" } }] }
            """
        let agreeing = try ContractHarness.server { _ in
            ContractHarness.reply(headers: [("X-Trace-Id", "abc1"), ("X-Request-Id", "abc1")])
        }
        #expect(ContractHarness.failures(try ContractHarness.run(suite, target: agreeing.baseURL)).isEmpty)
        let differing = try ContractHarness.server { _ in
            ContractHarness.reply(headers: [("X-Trace-Id", "abc1"), ("X-Request-Id", "abc2")])
        }
        #expect(
            ContractHarness.failures(try ContractHarness.run(suite, target: differing.baseURL))
                == [#"trace: X-Trace-Id "abc1" differs from X-Request-Id "abc2" on the 200 response"#])
    }

    /// A run-wide policy (config or command line) applies to suites without their own `trace` block,
    /// and the console prints its summary just before the final counts line.
    @Test func runPolicyAndConsoleLine() throws {
        let server = try Self.server(idOn500: false)
        let suite = """
            { "name": "r", "cases": [
                { "name": "ok", "request": { "path": "/ok" } }, { "name": "boom", "request": { "path": "/boom" }, "expect": { "status": 500 } } ] }
            """
        var lines: [String] = []
        let lock = NSLock()
        let console = ConsoleReporter(style: ConsoleStyle(environment: ["NO_COLOR": "1"], noColorFlag: true)) { line in
            lock.withLock { lines.append(line) }
        }
        let auditor = TraceAuditor(policy: TracePolicy(headers: ["X-Trace-Id"], format: .hex32))
        let result = try ContractHarness.run(suite, target: server.baseURL, auditor: auditor, observers: [console])
        #expect(ContractHarness.failures(result) == ["trace: 500 response has no X-Trace-Id header"])
        let output = lock.withLock { lines }
        #expect(output.last == "1 passed, 1 failed, 0 skipped")
        let traceLine = "trace ids: 2 response(s), 1 without an id (1 × 5xx), 1 trace check(s) failed"
        #expect(output.dropLast().contains(traceLine))
    }
}
