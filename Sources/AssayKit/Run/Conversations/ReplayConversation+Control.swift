import Foundation

/// An identical answer proves a replay only if a fresh answer would have differed. A server that
/// ignores `Idempotency-Key` but derives its ids from the request (and `created` from a coarse
/// clock) answers two identical requests identically, and a naive check would call that a replay.
/// The control is request 1 sent again without the key: when it too gets the same answer, identity
/// shows nothing, and the checks that rest on it are not exercised.
extension ReplayConversation {
    /// What the control showed.
    enum ControlOutcome: Equatable {
        /// The same request without the key got a different answer: an identical answer is a replay.
        case differs
        /// It got the same answer: identity cannot tell a replay from a recomputation.
        case identical
    }

    /// The reason a check resting on identity is not exercised, when the control shows it cannot be.
    static let deterministicReason =
        "the same request without the key got the same answer too, so the target answers deterministically and a replay cannot be told from a fresh answer"

    /// Sends the control once (later calls reuse its outcome); nil when it could not be executed.
    mutating func control(first: HTTPResponse, request: HTTPRequest) -> ControlOutcome? {
        if let controlOutcome { return controlOutcome }
        var unkeyed = request
        unkeyed.headers.removeAll(named: spec.header)
        guard let response = perform(unkeyed, label: "control: request 1 without the key") else { return nil }
        let outcome: ControlOutcome =
            comparison.differences(original: first, replay: response).summary.isEmpty ? .identical : .differs
        controlOutcome = outcome
        return outcome
    }
}
