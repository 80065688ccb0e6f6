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
            _ = checkExpiry(after: ttl, first: first, request: request, key: key)
        }
    }

    /// Sends one request carrying the replay key's label; nil when it could not be executed.
    mutating func send(_ request: HTTPRequest, label: String, key: String) -> HTTPResponse? {
        perform(request, label: label, replayKey: key)
    }

    /// Requests 2…`times` with the same key and body must each be a replay of request 1.
    mutating func checkSequentialReplays(of first: HTTPResponse, request: HTTPRequest, key: String) -> Bool {
        for number in 2...max(2, spec.times) {
            guard let replay = send(request, label: "request \(number)", key: key) else { return false }
            var (problems, details) = comparison.differences(original: first, replay: replay)
            if let marker = spec.marker, !comparison.hasMarker(replay) {
                problems.append(
                    "no \(marker.header): \(marker.value) header (got \(comparison.shown(replay.headers.values(marker.header))))"
                )
            }
            if problems.isEmpty {
                pass("request \(number) replayed request 1 (status, body\(spec.marker == nil ? "" : ", marker"))")
            } else {
                fail(
                    "request \(number) is not a replay of request 1: " + problems.joined(separator: "; "),
                    details: details)
            }
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
        object["assay_probe"] = .string(RandomUUID.next())
        return .object(object)
    }
}
