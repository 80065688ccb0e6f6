/// One assertion about one exchange: what was checked, whether it held, and if not,
/// exactly what differs. Failures are data, never thrown errors.
public struct CheckResult: Sendable, Codable {
    /// What kind of check: `status`, `header`, `contentType`, `body`, `golden`, `duration`,
    /// `capture`, `stream`, `replay`, `trace`, `rateLimit`.
    public var kind: String
    /// What it was about, e.g. a header name or a golden path.
    public var subject: String?
    public var passed: Bool
    /// One line a user can act on, e.g. `status: expected 401, got 200`.
    public var message: String
    /// Every individual difference, e.g. each JSON mismatch with its path.
    public var details: [String]
    /// Where in the suite the expectation was written.
    public var location: SourceLocation?
    /// Set when the check had nothing to observe (its precondition did not hold): then `passed`
    /// is false, the check is not a failure either, and `message` says why.
    public var notExercised: Bool? = nil

    /// Whether the check observed a broken contract (a check that was not exercised did not).
    public var failed: Bool { !passed && notExercised != true }
    /// Whether the check had nothing to observe.
    public var wasNotExercised: Bool { notExercised == true }

    public init(
        kind: String, subject: String? = nil, passed: Bool, message: String, details: [String] = [],
        location: SourceLocation? = nil
    ) {
        self.kind = kind
        self.subject = subject
        self.passed = passed
        self.message = message
        self.details = details
        self.location = location
    }

    /// A passing check. With `described: false` the message is left empty and never built: a
    /// passing step keeps only the count of its checks, so their messages would be thrown away.
    public static func pass(
        _ kind: String, _ message: @autoclosure () -> String, subject: String? = nil,
        at location: SourceLocation? = nil, described: Bool = true
    ) -> CheckResult {
        CheckResult(kind: kind, subject: subject, passed: true, message: described ? message() : "", location: location)
    }

    public static func fail(
        _ kind: String, _ message: String, subject: String? = nil, details: [String] = [],
        at location: SourceLocation? = nil
    ) -> CheckResult {
        CheckResult(kind: kind, subject: subject, passed: false, message: message, details: details, location: location)
    }

    /// A check that had nothing to observe, e.g. `heartbeat: not exercised: the first event came at once`.
    public static func notExercised(
        _ kind: String, _ reason: String, subject: String? = nil, details: [String] = [],
        at location: SourceLocation? = nil
    ) -> CheckResult {
        var result = CheckResult(
            kind: kind, subject: subject, passed: false, message: reason, details: details, location: location)
        result.notExercised = true
        return result
    }
}
