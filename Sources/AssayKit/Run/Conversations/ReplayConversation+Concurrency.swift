import Foundation

extension ReplayConversation {
    /// `count` duplicates with a second fresh key, fired at once: each must be 409 (still in flight)
    /// or the same result as the first that was processed, and at least one must be processed.
    mutating func checkConcurrent(_ count: Int, first: HTTPResponse, request: HTTPRequest) -> Bool {
        let key = UUID().uuidString.lowercased()
        let outcomes = performer.performAtOnce(
            keyed(request, key), count: count, options: options, label: { "concurrent request \($0 + 1)" },
            replayKey: key)
        var responses: [HTTPResponse] = []
        for (index, outcome) in outcomes.enumerated() {
            checks += outcome.checks
            guard let exchange = outcome.exchange else {
                error = "could not create a libcurl client for concurrent request \(index + 1)"
                return false
            }
            exchanges.append(exchange)
            guard let response = exchange.response, exchange.failure == nil else {
                let reason = exchange.failure.map { "\($0.kind.rawValue): \($0.message)" } ?? "no response"
                error = redactor.redact("could not execute concurrent request \(index + 1): \(reason)")
                return false
            }
            responses.append(response)
        }
        let processed = responses.indices.filter { responses[$0].status != 409 }
        guard let reference = processed.first else {
            fail("all \(count) concurrent requests got 409; one of them should have been processed")
            return true
        }
        var problems: [String] = []
        var details: [String] = []
        if responses[reference].status != first.status {
            problems.append(
                "concurrent request \(reference + 1) answered \(responses[reference].status), request 1 answered \(first.status)"
            )
        }
        for index in processed.dropFirst() {
            let (found, more) = comparison.differences(original: responses[reference], replay: responses[index])
            if !found.isEmpty {
                problems.append(
                    "concurrent request \(index + 1) is neither 409 nor identical to concurrent request \(reference + 1): "
                        + found.joined(separator: "; "))
                details += more
            }
        }
        if problems.isEmpty {
            let summary =
                "\(count) concurrent duplicates: \(count - processed.count) got 409, \(processed.count) the same result"
            // With no 409, "the same result" shows deduplication only if a fresh answer would differ.
            if processed.count > 1 {
                guard let outcome = control(first: first, request: request) else { return false }
                if outcome == .identical {
                    notExercised(summary + ", but " + Self.deterministicReason)
                    return true
                }
            }
            pass(summary)
        } else {
            fail(problems.joined(separator: "; "), details: details)
        }
        return true
    }

    /// How long to wait for a key to expire: the TTL plus a margin for the target's clock and
    /// sweep (a tenth of the TTL, at least half a second).
    static func expiryWaitMs(ttlMs: Int) -> Int { ttlMs + max(500, ttlMs / 10) }

    /// After the TTL (plus a margin) the key must have expired: the same request gets a fresh answer.
    mutating func checkExpiry(after ttlMs: Int, first: HTTPResponse, request: HTTPRequest, key: String) -> Bool {
        let waitMs = Self.expiryWaitMs(ttlMs: ttlMs)
        clock.wait(milliseconds: Double(waitMs))
        let label = "request after the TTL"
        guard let response = send(request, label: label, key: key) else { return false }
        var strict = spec
        strict.volatile = []
        let changed =
            ReplayComparison(spec: strict, redactor: redactor).bodyDifferences(first.body, response.body).0 != nil
        if comparison.hasMarker(response) || (!changed && response.status == first.status) {
            // The same answer again: stored, unless any request gets it (then expiry cannot be seen).
            if !comparison.hasMarker(response) {
                guard let outcome = control(first: first, request: request) else { return false }
                if outcome == .identical {
                    notExercised(
                        "\(label) (waited \(waitMs) ms) got request 1's answer again, but " + Self.deterministicReason)
                    return true
                }
            }
            fail(
                "\(label) (waited \(waitMs) ms) got the stored answer again; the key should have expired after \(ttlMs) ms"
            )
        } else if response.status != first.status {
            fail("\(label) answered \(response.status), request 1 answered \(first.status)")
        } else {
            pass("after \(waitMs) ms the key gave a fresh answer")
        }
        return true
    }
}
