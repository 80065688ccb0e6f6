import AssayTestSupport
import Foundation

@testable import AssayKit

/// Shared helpers for the trace, replay and rate-limit tests: decode a suite from text and run it
/// through the real runner against a loopback server, and build stateful loopback servers.
enum ContractHarness {
    /// Decodes suite text, failing the test with the diagnostic when it does not decode.
    static func suite(_ text: String, file: String = "contract.jsonc") throws -> Suite {
        try SuiteDecoder.decode(JSONParser.parseNode(text, file: file), file: file)
    }

    /// The diagnostic a suite text produces, or nil when it decodes.
    static func diagnostic(_ text: String) -> Diagnostic? {
        do {
            _ = try suite(text)
            return nil
        } catch let problem as Diagnostic {
            return problem
        } catch {
            return Diagnostic("\(error)")
        }
    }

    /// Runs the suite text against `target` with the real runner, scheduler and libcurl.
    static func run(
        _ text: String, target: String, auditor: TraceAuditor? = nil, parallel: Int = 1,
        observers: [any RunObserver] = []
    ) throws -> RunResult {
        let plan = try Planner(target: target, environment: [:]).plan([suite(text)])
        var context = RunContext(
            target: target, mode: .strict, goldens: GoldenStore(root: URL(fileURLWithPath: NSTemporaryDirectory())),
            environment: [:])
        context.traceAuditor =
            auditor
            ?? TraceAuditor.forRun(
                policy: nil, suitesDeclareOne: plan.declaresTracePolicy, redactor: plan.redactor)
        // These tests read the messages of passing checks, which a default run keeps only for failures.
        context.keepsPassingDetails = true
        return Runner(plan: plan, context: context, parallelism: parallel).run(observers: observers)
    }

    /// Every failed check message of a run, in plan order.
    static func failures(_ result: RunResult) -> [String] {
        result.cases.flatMap { $0.failedChecks.map(\.message) }
    }

    /// Every failed check message of one kind.
    static func failures(_ result: RunResult, kind: String) -> [String] {
        result.cases.flatMap { $0.failedChecks.filter { $0.kind == kind }.map(\.message) }
    }

    /// A server that answers every request (on any connection, keep-alive) with `handler`'s reply.
    static func server(_ handler: @escaping @Sendable (LoopbackServer.RecordedRequest) -> Data?) throws
        -> LoopbackServer
    {
        try LoopbackServer(script: [.serve(handler)])
    }

    /// A complete HTTP/1.1 response.
    static func reply(status: Int = 200, headers: [(String, String)] = [], body: String = "") -> Data {
        let reason =
            [
                200: "OK", 201: "Created", 409: "Conflict", 422: "Unprocessable Content", 429: "Too Many Requests",
                500: "Internal Server Error",
            ][status] ?? "Status"
        return LoopbackServer.response(status: status, reason: reason, headers: headers, body: body)
    }
}

/// A thread-safe counter and store for stateful test servers (connection threads run concurrently).
final class ServerState<Value: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: connection threads share `value`; every access holds `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Mutates the state under the lock and returns what `body` returns.
    func with<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.withLock { body(&value) }
    }
}
