import AssayTargetKit
import Foundation
import Testing

/// The clauses each fault must break; every other clause must keep holding.
enum ExpectedBreaks {
    static let streamBreaks: Set<String> = [
        "sse-content-type", "stream-honoured", "heartbeat", "chat-done", "chat-framing", "usage-chunk",
        "responses-completed", "reassembly", "stream-error-chat", "stream-error-responses",
    ]

    static func clauses(_ fault: Fault) -> Set<String> {
        switch fault {
        case .noTraceOn500: ["trace-on-500"]
        case .noTraceOn429: ["trace-on-429"]
        case .noTraceOn401: ["trace-on-401"]
        case .noTraceOnStream: ["trace-on-stream"]
        case .noTraceHeader:
            ["request-id-equal", "trace-unique", "trace-on-500", "trace-on-401", "trace-on-429", "trace-on-stream"]
        case .traceNotUnique: ["trace-unique"]
        case .requestIdMismatch: ["request-id-equal"]
        // The chat stream's error frame is an envelope too.
        case .envelopeMissingParam: ["envelope-shape", "stream-error-chat"]
        case .envelopeFramework404: ["unknown-route"]
        case .wrongMethodFramework405: ["wrong-method"]
        case .invalidJSON500Plain: ["invalid-json"]
        case .unknownModel200: ["unknown-model"]
        case .auth403As401: ["auth-scope"]
        case .auth401As400:
            [
                "auth-missing", "auth-malformed", "auth-empty", "auth-invalid", "auth-before-routing",
                "permissive-invalid",
            ]
        case .strictAcceptsAnonymous: ["auth-missing", "auth-before-routing"]
        case .permissiveRejectsAnonymous: ["permissive-anonymous"]
        case .malformedSchemeAccepted: ["auth-malformed"]
        case .emptyTokenAccepted: ["auth-empty"]
        case .unknownTokenAccepted: ["auth-invalid", "permissive-invalid"]
        case .routingBeforeAuth: ["auth-before-routing"]
        case .noHeartbeat, .slowHeartbeat: ["heartbeat"]
        // No pending phase: no ping comes before the first delta, so the pings the clause counts are absent.
        case .immediateFirstToken: ["heartbeat"]
        case .noDone: ["chat-done"]
        case .cutFrame: ["chat-json-frames"]
        case .noCompletedEvent: ["responses-completed"]
        case .truncatedStream: ["chat-done", "chat-framing", "usage-chunk", "responses-completed", "reassembly"]
        case .errorInside200Stream:
            ["no-error-frame", "chat-framing", "usage-chunk", "responses-completed", "reassembly"]
        case .sseWrongContentType: ["sse-content-type"]
        case .streamIgnored: streamBreaks
        case .sequenceNumberGap: ["sequence-numbers"]
        case .eventOrderWrong: ["responses-order"]
        case .eventTypeMismatch: ["event-type-match"]
        case .usageChunkMissing: ["usage-chunk"]
        case .streamDeltasDiverge: ["reassembly"]
        case .streamErrorSilentClose, .streamErrorSwallowed, .streamErrorBare:
            ["stream-error-chat", "stream-error-responses"]
        // The probes use dreams, whose answers stay fresh: the key is ignored as with `idempotency-ignored`.
        case .idempotencyIgnored, .deterministicNoReplay:
            ["idem-replay", "idem-marker", "idem-mismatch", "idem-in-flight"]
        case .idempotencyIgnoresBody: ["idem-mismatch"]
        case .idempotencyInFlightServed: ["idem-in-flight"]
        case .idempotencyNotScoped: ["idem-scoped"]
        case .noReplayMarker: ["idem-marker"]
        case .replayRegenerates: ["idem-replay"]
        case .idempotencyNeverExpires: ["idem-ttl"]
        case .rateLimitOff: ["rate-limit"]
        case .rateLimitNoRecovery: ["rate-recovery"]
        case .noRetryAfter: ["retry-after"]
        case .longRetryAfter: ["retry-after-bounded"]
        case .remainingConstant: ["remaining-decreases"]
        case .noRateLimitHeaders: ["ratelimit-headers"]
        case .openapiMissingVersion: ["openapi-version"]
        case .openapiMissingServers: ["openapi-servers"]
        case .openapiMissingHeaderComponents: ["openapi-headers"]
        case .chatResponsesDiverge: ["chat-responses-parity"]
        case .responsesMissingMember: ["responses-shape"]
        case .noIncompleteDetails: ["incomplete-details"]
        case .embeddingsIgnoreBase64: ["embeddings-base64"]
        case .indexSearchAfterDelete: ["index-chain"]
        case .noIndexes: ["index-chain", "index-bad-input"]
        case .indexBadInputFramework422: ["index-bad-input"]
        // The probe's 500 route is gone; the only 5xx is a body the probe does not send.
        case .failOnlyByBody: ["trace-on-500"]
        case .healthzDown: ["healthz"]
        case .readyzDown: ["readyz"]
        }
    }
}

@Suite struct FaultMatrixTests {
    /// Runs every clause against strict and permissive targets and returns the names of those that fail.
    ///
    /// A probe that throws (reset, timeout, closed connection) says nothing about the clause, so it
    /// is never counted as broken: it throws `ProbeErrors`, which fails the test.
    static func failing(_ fault: Fault?) throws -> Set<String> {
        let targets = try MatrixTargets(fault: fault)
        targets.prefetch()
        let results = ResultBox(count: Clauses.all.count)
        // Clauses are independent (each has its own token, buckets and keys), so they run in parallel.
        Parallel.run(Clauses.all.count) { index in
            let clause = Clauses.all[index]
            results.set(index, Result { try clause.holds(targets, MatrixTargets.token(clause.name)) })
        }
        var broken: Set<String> = []
        var errors: [String] = []
        for (clause, result) in zip(Clauses.all, results.values) {
            switch result {
            case .success(true): break
            case .success(false): broken.insert(clause.name)
            case .failure(let error): errors.append("\(clause.name): \(error)")
            case nil: errors.append("\(clause.name): no result")
            }
        }
        guard errors.isEmpty else { throw ProbeErrors(fault: fault, messages: errors) }
        return broken
    }

    /// Proves a healthy target keeps every clause, so a failure under a fault is caused by that fault.
    @Test func healthyKeepsEveryClause() throws {
        #expect(try Self.failing(nil) == [])
    }

    /// Proves each fault breaks exactly the clauses it names and leaves every other clause holding.
    @Test(arguments: Fault.allCases)
    func faultBreaksExactlyItsClauses(_ fault: Fault) throws {
        let expected = ExpectedBreaks.clauses(fault)
        let actual = try Self.failing(fault)
        #expect(
            actual == expected,
            "\(fault.rawValue): unexpected \(actual.subtracting(expected)), missed \(expected.subtracting(actual))")
    }

    /// Proves the clause names are unique, so the expected sets refer to one clause each.
    @Test func clauseNamesAreUnique() {
        let names = Clauses.all.map(\.name)
        #expect(Set(names).count == names.count)
        let known = Set(names)
        for fault in Fault.allCases { #expect(ExpectedBreaks.clauses(fault).isSubset(of: known), "\(fault)") }
    }
}

/// Probes that could not complete, so the run proves nothing about their clauses.
struct ProbeErrors: Error, CustomStringConvertible {
    let fault: Fault?
    let messages: [String]

    var description: String {
        "probes failed to run against \(fault?.rawValue ?? "the healthy target"): " + messages.joined(separator: "; ")
    }
}

/// Per-clause results written from parallel threads.
///
/// `@unchecked Sendable`: `storage` is guarded by `lock`.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Result<Bool, any Error>?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<Bool, any Error>) { lock.withLock { storage[index] = value } }

    var values: [Result<Bool, any Error>?] { lock.withLock { storage } }
}
