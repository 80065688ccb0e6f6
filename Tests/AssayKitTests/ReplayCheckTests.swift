import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// The replay check run by the real runner against idempotency servers that keep and break each clause.
@Suite struct ReplayCheckTests {
    static func suite(_ replay: String, trace: String = "") -> String {
        """
        { "name": "idem", \(trace)
          "cases": [{ "name": "create", "request": { "method": "POST", "path": "/v1/things", "body": { "input": "x" } },
                      "expect": { "status": 200 }, "replay": \(replay) }] }
        """
    }

    static func run(_ behaviour: ReplayBehaviour, replay: String = "true", trace: String = "") throws -> (
        RunResult, LoopbackServer
    ) {
        let server = try ReplayTestServer.start(behaviour)
        return (try ContractHarness.run(suite(replay, trace: trace), target: server.baseURL), server)
    }

    /// A correct server passes: replays are identical and marked, a different body gets 422 with the envelope.
    @Test func correctServerPasses() throws {
        let (result, server) = try Self.run(ReplayBehaviour(), replay: #"{ "times": 3 }"#)
        #expect(ContractHarness.failures(result).isEmpty)
        #expect(result.summary.passed == 1)
        let step = try #require(result.cases.first?.steps.first)
        #expect(step.exchanges.count == 4)
        let keys = server.requests.map { $0.header("Idempotency-Key") }
        #expect(Set(keys).count == 1 && keys.first != nil)
        #expect(step.curl?.contains("Idempotency-Key") == true)
        #expect(step.checks.filter { $0.kind == "replay" && $0.passed }.count == 3)
    }

    /// Each run uses a fresh key, so a second run is not served the first run's stored answer.
    @Test func freshKeyPerRun() throws {
        let server = try ReplayTestServer.start(ReplayBehaviour())
        _ = try ContractHarness.run(Self.suite("true"), target: server.baseURL)
        _ = try ContractHarness.run(Self.suite("true"), target: server.baseURL)
        #expect(Set(server.requests.compactMap { $0.header("Idempotency-Key") }).count == 2)
    }

    /// A server that ignores the key is caught although its deterministic `id` matches: `created` differs,
    /// the marker is missing, and a different body is simply served.
    @Test func ignoredKeyFailsDespiteDeterministicId() throws {
        let (result, _) = try Self.run(ReplayBehaviour(honoursKey: false))
        let failures = ContractHarness.failures(result, kind: "replay")
        #expect(
            failures.first
                == "replay: request 2 is not a replay of request 1: body differs at $.created: 1700000001 vs 1700000002; no Idempotent-Replayed: true header (got absent)"
        )
        #expect(
            failures.last
                == "replay: request 3 (same key, different body): got 200, expected 422; expected the OpenAI error envelope, but the body has no `error` member (members: id, object, created)"
        )
        let details = result.cases.first?.failedChecks.first?.details ?? []
        #expect(details.contains { $0.contains("the `id` is the same") })
        #expect(result.cases.first?.steps.first?.exchanges.first?.response?.body != nil)
    }

    /// A server that replays by key alone, whatever the body, fails the different-body clause only.
    @Test func ignoredBodyFails() throws {
        let (result, _) = try Self.run(ReplayBehaviour(checksBody: false))
        let failures = ContractHarness.failures(result)
        #expect(failures.count == 1)
        #expect(
            failures.first?.hasPrefix("replay: request 3 (same key, different body): got 200, expected 422") == true)
        #expect(result.cases.first?.failedChecks.first?.details.first?.contains("ignores the body") == true)
    }

    /// A replay without the marker fails, unless the suite turns the marker off.
    @Test func missingMarker() throws {
        let (strict, _) = try Self.run(ReplayBehaviour(marker: false))
        #expect(
            ContractHarness.failures(strict)
                == ["replay: request 2 is not a replay of request 1: no Idempotent-Replayed: true header (got absent)"])
        let (lenient, _) = try Self.run(ReplayBehaviour(marker: false), replay: #"{ "marker": false }"#)
        #expect(ContractHarness.failures(lenient).isEmpty)
    }

    /// Concurrent duplicates pass against a server answering 409 in flight, and fail against one that
    /// processes each duplicate afresh.
    @Test func concurrentDuplicates() throws {
        let replay = #"{ "concurrent": 3, "mismatch": false }"#
        let (good, _) = try Self.run(ReplayBehaviour(processingMs: 300, conflictInFlight: true), replay: replay)
        #expect(ContractHarness.failures(good).isEmpty)
        let message = good.cases.first?.steps.first?.checks.last { $0.kind == "replay" }?.message
        #expect(message == "replay: 3 concurrent duplicates: 2 got 409, 1 the same result")
        let (bad, _) = try Self.run(ReplayBehaviour(processingMs: 300), replay: replay)
        let failure = try #require(ContractHarness.failures(bad, kind: "replay").first)
        #expect(failure.contains("is neither 409 nor identical to concurrent request 1: body differs at $.created"))
    }

    /// With a TTL, the key must give a fresh answer after it: a server that expires keys passes, one that
    /// keeps them forever fails; such a case runs exclusively.
    @Test func expiryAfterTTL() throws {
        let replay = #"{ "ttl": "200ms", "mismatch": false }"#
        #expect(try ContractHarness.suite(Self.suite(replay)).cases.first?.exclusive == true)
        let (good, _) = try Self.run(ReplayBehaviour(ttlMs: 200), replay: replay)
        #expect(ContractHarness.failures(good).isEmpty)
        let (bad, _) = try Self.run(ReplayBehaviour(), replay: replay)
        #expect(
            ContractHarness.failures(bad)
                == [
                    "replay: request after the TTL (waited 700 ms) got the stored answer again; the key should have expired after 200 ms"
                ])
    }

    /// Without a marker, identical answers prove a replay only when the same request without the key
    /// is answered differently: the control is sent once, without the key, and a correct server passes.
    @Test func controlRequestConfirmsAReplay() throws {
        let (result, server) = try Self.run(ReplayBehaviour(), replay: #"{ "marker": false, "mismatch": false }"#)
        #expect(ContractHarness.failures(result).isEmpty)
        #expect(result.cases.first?.verdict == .passed)
        #expect(server.requests.count == 3)
        #expect(server.requests.last?.header("Idempotency-Key") == nil)
    }

    /// A server that ignores the key but answers deterministically: identity shows nothing, so the
    /// replay, the concurrent duplicates and the expiry are not exercised (never passed); the marker,
    /// when required, still fails.
    @Test func deterministicServerIsNotAReplay() throws {
        let behaviour = ReplayBehaviour(honoursKey: false, deterministic: true)
        let replay = #"{ "marker": false, "mismatch": false, "concurrent": 2, "ttl": "100ms" }"#
        let (result, _) = try Self.run(behaviour, replay: replay)
        #expect(ContractHarness.failures(result).isEmpty)
        #expect(result.cases.first?.verdict == .notExercised)
        let reasons = result.cases.first?.steps.first?.checks.filter(\.wasNotExercised).map(\.message) ?? []
        #expect(reasons.count == 3)
        #expect(reasons.first?.contains("the same request without the key got the same answer too") == true)
        #expect(reasons.last?.contains("the key was not seen to replay before its TTL") == true)
        let (marked, _) = try Self.run(behaviour, replay: #"{ "mismatch": false }"#)
        #expect(
            ContractHarness.failures(marked)
                == ["replay: request 2 is not a replay of request 1: no Idempotent-Replayed: true header (got absent)"])
    }

    /// A replay that repeats the original's trace id is not a duplicate for a `unique` policy, but the
    /// replay's extra requests are still audited.
    @Test func replayedTraceIdIsNotDuplicate() throws {
        let trace = #""trace": { "headers": "X-Trace-Id", "unique": true, "format": "hex32" },"#
        let (result, _) = try Self.run(ReplayBehaviour(replayTraceId: true), trace: trace)
        #expect(ContractHarness.failures(result).isEmpty)
        #expect(result.traceSummary?.responses == 3)
    }

    /// Volatile members are ignored; without them the same difference fails.
    @Test func volatileMembers() throws {
        let replay = #"{ "volatile": ["/created"], "marker": false, "mismatch": false }"#
        let (ignored, _) = try Self.run(ReplayBehaviour(honoursKey: false), replay: replay)
        #expect(ContractHarness.failures(ignored).isEmpty)
        let (noticed, _) = try Self.run(
            ReplayBehaviour(honoursKey: false), replay: #"{ "marker": false, "mismatch": false }"#)
        #expect(ContractHarness.failures(noticed).count == 1)
    }

    /// Unknown keys in `replay` are located errors with a suggestion; bad values name what was expected.
    @Test func decodingErrors() throws {
        let unknown = try #require(ContractHarness.diagnostic(Self.suite(#"{ "time": 3 }"#)))
        #expect(unknown.message.contains("unknown key `time` in `replay` block"))
        #expect(unknown.hint == "did you mean `times`?")
        #expect(unknown.location?.line == 3)
        let times = try #require(ContractHarness.diagnostic(Self.suite(#"{ "times": 1 }"#)))
        #expect(times.message == "expected `times` to be between 2 and 20, found 1")
        let envelope = try #require(
            ContractHarness.diagnostic(Self.suite(#"{ "mismatch": { "envelope": "problems" } }"#)))
        #expect(envelope.hint == "did you mean \"problem\"?")
        let spec = try #require(
            try ContractHarness.suite(
                Self.suite(
                    #"{ "header": "X-Idem", "marker": { "header": "X-Replayed" }, "mismatch": { "status": 409 } }"#)
            ).cases.first?.replay)
        #expect(spec.header == "X-Idem")
        #expect(spec.marker == ReplaySpec.Marker(header: "X-Replayed", value: "true"))
        #expect(spec.mismatch?.status.accepts(409) == true)
    }
}
