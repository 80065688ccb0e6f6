import AssayTestSupport
import Foundation

/// A stateful idempotency server on 127.0.0.1 whose behaviour can break each replay clause.
/// Ids are deterministic (a hash of the body), so only `created`, headers and the marker reveal
/// whether an answer was replayed; `created` counts fresh answers.
struct ReplayBehaviour: Sendable {
    var honoursKey = true
    var checksBody = true
    var marker = true
    /// Processing takes this long; duplicates of a key in flight get 409 when `conflictInFlight`.
    var processingMs = 0
    var conflictInFlight = false
    /// Stored answers expire after this long.
    var ttlMs: Int?
    /// Replays repeat the stored trace id (as a byte-identical replay would).
    var replayTraceId = false
    /// Fresh answers do not count `created` up: identical requests get identical answers.
    var deterministic = false
}

enum ReplayTestServer {
    struct Stored: Sendable {
        var fingerprint: String
        var body: String
        var traceId: String
        var at: ContinuousClock.Instant
    }

    struct State: Sendable {
        var created = 1_700_000_000
        var traces = 0
        var stored: [String: Stored] = [:]
        var inFlight: Set<String> = []
    }

    static func start(_ behaviour: ReplayBehaviour) throws -> LoopbackServer {
        let state = ServerState(State())
        return try ContractHarness.server { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let key = behaviour.honoursKey ? request.header("Idempotency-Key") : nil
            let trace = String(
                format: "%032x",
                state.with { s -> Int in
                    s.traces += 1; return s.traces
                })
            enum Decision { case replay(Stored), conflict, mismatch, fresh }
            let decision: Decision = state.with { s in
                guard let key else { return .fresh }
                if let stored = s.stored[key] {
                    if let ttl = behaviour.ttlMs, stored.at.duration(to: .now) > .milliseconds(ttl) {
                        s.stored[key] = nil
                    } else if behaviour.checksBody && stored.fingerprint != body {
                        return .mismatch
                    } else {
                        return .replay(stored)
                    }
                }
                if behaviour.conflictInFlight {
                    if s.inFlight.contains(key) { return .conflict }
                    s.inFlight.insert(key)
                }
                return .fresh
            }
            switch decision {
            case .replay(let stored):
                var headers = [
                    ("Content-Type", "application/json"),
                    ("X-Trace-Id", behaviour.replayTraceId ? stored.traceId : trace),
                ]
                if behaviour.marker { headers.append(("Idempotent-Replayed", "true")) }
                return ContractHarness.reply(headers: headers, body: stored.body)
            case .conflict:
                return ContractHarness.reply(
                    status: 409, headers: [("Content-Type", "application/json"), ("X-Trace-Id", trace)],
                    body:
                        #"{"error":{"message":"in flight","type":"invalid_request_error","param":null,"code":"conflict"}}"#
                )
            case .mismatch:
                return ContractHarness.reply(
                    status: 422, headers: [("Content-Type", "application/json"), ("X-Trace-Id", trace)],
                    body:
                        #"{"error":{"message":"key reused","type":"invalid_request_error","param":null,"code":"idempotency_key_reused"}}"#
                )
            case .fresh:
                if behaviour.processingMs > 0 { usleep(useconds_t(behaviour.processingMs * 1000)) }
                let hash = request.body.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
                let answer: String = state.with { s in
                    if !behaviour.deterministic { s.created += 1 }
                    let answer = #"{"id":"thing_\#(String(hash, radix: 16))","object":"thing","created":\#(s.created)}"#
                    if let key {
                        s.inFlight.remove(key)
                        s.stored[key] = Stored(fingerprint: body, body: answer, traceId: trace, at: .now)
                    }
                    return answer
                }
                return ContractHarness.reply(
                    headers: [("Content-Type", "application/json"), ("X-Trace-Id", trace)], body: answer)
            }
        }
    }
}
