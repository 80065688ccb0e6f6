import AssayTargetKit
import AssayTestSupport
import Foundation

/// A strict and a permissive target started with the same fault, plus streams fetched once and shared by clauses.
///
/// `@unchecked Sendable`: clauses run on parallel threads; `cache` is guarded by `lock`.
final class MatrixTargets: @unchecked Sendable {
    let strict: TargetProcess
    let permissive: TargetProcess
    private let lock = NSLock()
    private var cache: [String: RawResponse] = [:]

    /// Flags shared by both targets: a private full token per clause, small buckets, fast streams.
    ///
    /// The windows leave room for a loaded 2-core machine: a bucket of 10 refilled at 1 per second
    /// still answers 429 to a 20-request drain that takes up to 10 s; an idempotency key lives 2 s,
    /// so a replay right after the first answer is inside it. Heartbeats are scheduled on absolute
    /// deadlines, so their count does not depend on load.
    static func arguments(_ fault: Fault?) -> [String] {
        var arguments = Fixtures.standardArguments
        for clause in Clauses.all {
            arguments += ["--token", token(clause.name), "--token", token(clause.name) + "-2"]
        }
        arguments += [
            "--rate-limit", "1", "--burst", "10", "--first-token-delay-ms", "300", "--heartbeat-ms", "30",
            "--idempotency-ttl", "2s",
        ]
        if let fault { arguments += ["--fault", fault.rawValue] }
        return arguments
    }

    /// The private token of a clause, so its rate-limit buckets and idempotency keys are its own.
    static func token(_ clause: String) -> String { "sk-clause-\(clause)" }

    init(fault: Fault?) throws {
        strict = try TargetProcess(arguments: Self.arguments(fault))
        permissive = try TargetProcess(arguments: Self.arguments(fault) + ["--mode", "permissive"])
    }

    /// A new connection to the strict target.
    func client() throws -> RawHTTPClient { try RawHTTPClient(port: strict.port) }

    /// A request to the strict target, fetched once per name.
    func shared(_ name: String, _ fetch: (RawHTTPClient) throws -> RawResponse) throws -> RawResponse {
        if let cached = lock.withLock({ cache[name] }) { return cached }
        let response = try fetch(try client())
        lock.withLock { cache[name] = response }
        return response
    }

    /// Fetches the shared responses up front and concurrently, so parallel clauses only read them.
    func prefetch() {
        let fetches: [@Sendable (MatrixTargets) -> Void] = [
            { _ = try? $0.chatStream }, { _ = try? $0.responsesStream }, { _ = try? $0.chatJSON },
            { _ = try? $0.responsesJSON }, { _ = try? $0.openAPI },
        ]
        Parallel.run(fetches.count) { fetches[$0](self) }
    }

    var chatStream: RawResponse {
        get throws {
            try shared("chat-stream") {
                try $0.request(
                    "POST", "/v1/chat/completions", body: Bodies.chat(stream: true, usage: true), token: Tokens.full)
            }
        }
    }

    var responsesStream: RawResponse {
        get throws {
            try shared("responses-stream") {
                try $0.request("POST", "/v1/responses", body: Bodies.responses(stream: true), token: Tokens.full)
            }
        }
    }

    var chatJSON: RawResponse {
        get throws {
            try shared("chat-json") {
                try $0.request("POST", "/v1/chat/completions", body: Bodies.chat(), token: Tokens.full)
            }
        }
    }

    var responsesJSON: RawResponse {
        get throws {
            try shared("responses-json") {
                try $0.request("POST", "/v1/responses", body: Bodies.responses(), token: Tokens.full)
            }
        }
    }

    var openAPI: [String: Any] {
        get throws { try shared("openapi") { try $0.request("GET", "/openapi.json") }.json ?? [:] }
    }
}

/// Runs blocking work on one thread per item and waits for all; the probes mostly wait on sockets and sleeps.
enum Parallel {
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                body(index)
                group.leave()
            }
            thread.start()
        }
        group.wait()
    }
}
