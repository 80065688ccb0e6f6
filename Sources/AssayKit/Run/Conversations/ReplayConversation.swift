import Foundation

/// The requests of one replay case and everything they produced: request 1, the replays, the
/// reused key with another body, the concurrent duplicates and the expiry, each judged against
/// request 1. Sends through its `Performer` (so every exchange is trace-audited), waits on its
/// `ConversationClock`, and stops at the first request that could not be executed.
struct ReplayConversation: Conversation {
    let spec: ReplaySpec
    let performer: any Performer
    let clock: any ConversationClock
    let options: TransportOptions
    let redactor: Redactor
    var exchanges: [Exchange] = []
    var checks: [CheckResult] = []
    /// Why the case could not be executed, if it could not.
    var error: String?
    /// What the control request showed, once sent (see `control(first:request:)`).
    var controlOutcome: ControlOutcome?
    /// Whether the sequential replays were observed to replay request 1: expiry is observable only then.
    var replayObserved = false
    var checkKind: String { "replay" }
    var checkLocation: SourceLocation? { spec.location }

    var comparison: ReplayComparison { ReplayComparison(spec: spec, redactor: redactor) }

    /// `request` carrying `key` in the key header (replacing any the suite set).
    func keyed(_ request: HTTPRequest, _ key: String) -> HTTPRequest {
        var result = request
        result.headers.set(name: spec.header, value: spec.quoted ? "\"\(key)\"" : key)
        return result
    }

    /// Runs the conversation with `request` already carrying `key`; `judgeFirst` judges request 1
    /// by the case's `expect`.
    mutating func run(_ request: HTTPRequest, key: String, judgeFirst: (HTTPResponse, TransferTimings) -> [CheckResult])
    {
        guard let first = send(request, label: "request 1", key: key) else { return }
        if let timings = exchanges.last?.timings {
            checks += judgeFirst(first, timings)
        }
        if spec.key == nil, let marker = spec.marker, comparison.hasMarker(first) {
            fail("request 1 carries \(marker.header): \(marker.value) although its key was fresh")
        }
        guard checkSequentialReplays(of: first, request: request, key: key) else { return }
        if let mismatch = spec.mismatch {
            guard checkMismatch(mismatch, first: first, request: request, key: key) else { return }
        }
        if let count = spec.concurrent {
            guard checkConcurrent(count, first: first, request: request) else { return }
        }
        if let ttl = spec.ttlMs {
            guard replayObserved else {
                notExercised(
                    "the key was not seen to replay before its TTL, so its expiry cannot be observed; no wait for \(ttl) ms"
                )
                return
            }
            _ = checkExpiry(after: ttl, first: first, request: request, key: key)
        }
    }

    /// Sends one request carrying the replay key's label; nil when it could not be executed.
    mutating func send(_ request: HTTPRequest, label: String, key: String) -> HTTPResponse? {
        perform(request, label: label, replayKey: key)
    }

    /// Requests 2…`times` with the same key and body must each be a replay of request 1. Without a
    /// marker to say so, an identical answer counts only when the control shows a fresh one differs.
    mutating func checkSequentialReplays(of first: HTTPResponse, request: HTTPRequest, key: String) -> Bool {
        var identical: [Int] = []
        var allHeld = true
        for number in 2...max(2, spec.times) {
            guard let replay = send(request, label: "request \(number)", key: key) else { return false }
            var (problems, details) = comparison.differences(original: first, replay: replay)
            if let marker = spec.marker, !comparison.hasMarker(replay) {
                problems.append(
                    "no \(marker.header): \(marker.value) header (got \(comparison.shown(replay.headers.values(marker.header))))"
                )
            }
            if !problems.isEmpty {
                allHeld = false
                fail(
                    "request \(number) is not a replay of request 1: " + problems.joined(separator: "; "),
                    details: details)
            } else if spec.marker != nil {
                pass("request \(number) replayed request 1 (status, body, marker)")
            } else {
                identical.append(number)
            }
        }
        guard !identical.isEmpty else {
            replayObserved = allHeld
            return true
        }
        guard let outcome = control(first: first, request: request) else { return false }
        let requests = identical.map { "request \($0)" }.joined(separator: ", ")
        if outcome == .differs {
            pass("\(requests) replayed request 1 (status, body), and the same request without the key did not")
            replayObserved = allHeld
        } else {
            notExercised("\(requests) matched request 1, but " + Self.deterministicReason)
        }
        return true
    }

    /// The key reused with a different body must be refused (422 by default) with the error envelope.
    mutating func checkMismatch(_ mismatch: ReplaySpec.Mismatch, first: HTTPResponse, request: HTTPRequest, key: String)
        -> Bool
    {
        guard let body = Self.alteredBody(request.body, explicit: mismatch.body) else {
            fail("cannot derive a different body from a body that is not a JSON object; give `mismatch.body`")
            return true
        }
        var altered = request
        altered.body = Data(JSONWriter.compact(body).utf8)
        let label = "request \(spec.times + 1) (same key, different body)"
        guard let response = send(altered, label: label, key: key) else { return false }
        var problems: [String] = []
        if !mismatch.status.accepts(response.status) {
            problems.append("got \(response.status), expected \(mismatch.status)")
        }
        if let violation = mismatch.envelope.violation(response) { problems.append(violation) }
        if problems.isEmpty {
            pass("\(label) got \(response.status) with the \(mismatch.envelope.rawValue) envelope")
        } else {
            var details: [String] = []
            if response.status == first.status, comparison.bodyDifferences(first.body, response.body).0 == nil {
                details.append("the answer is request 1's: the target replays by key alone and ignores the body")
            }
            fail("\(label): " + problems.joined(separator: "; "), details: details)
        }
        return true
    }

    /// The explicit body, or the request's JSON object with a probe member added.
    static func alteredBody(_ body: Data?, explicit: JSONValue?) -> JSONValue? {
        if let explicit { return explicit }
        guard let body, case .object(var object)? = try? JSONParser.parseValue(body) else { return nil }
        object["assay_probe"] = .string(UUID().uuidString.lowercased())
        return .object(object)
    }
}
