/// What a response must look like. Every member is optional: an empty expectation only
/// requires that the request could be executed.
public struct ResponseExpectation: Sendable {
    public var status: StatusExpectation?
    public var headers: [HeaderExpectation] = []
    /// Expected media type (parameters such as `charset` are ignored unless given).
    public var contentType: String?
    /// Inline expected JSON body, possibly holding `{{matchers}}`.
    public var body: JSONNode?
    /// Expected text body, possibly holding `{{any}}` and `{{regex:…}}` holes.
    public var bodyText: String?
    /// A golden file, relative to the goldens root.
    public var golden: String?
    public var goldenLocation: SourceLocation?
    /// Overrides the mode's default body comparison.
    public var compare: CompareMode?
    /// How expected arrays in an inline body match (default: same length, element by element).
    public var arrays: ArrayMatching?
    /// Ceiling on the exchange's total time, in milliseconds.
    public var maxDurationMs: Int?
    /// Queries into the response with the predicates their values must satisfy (`asserts`).
    public var asserts: [ResponseAssertion] = []
    // The rarely present blocks are `@Boxed` (behind a pointer each): inline they made this struct
    // about a kilobyte, copied whole (and destroyed) every time a case, step or expectation is.
    /// Server-sent-events rules; when present the body is read event by event as it arrives.
    @Boxed public var stream: StreamExpectation? = nil
    /// Blocks that replace members of this one in a given mode.
    @Boxed public var strict: ExpectationOverride? = nil
    @Boxed public var permissive: ExpectationOverride? = nil
    public var location: SourceLocation?

    public init() {}
}

/// The members `expect` shares with its `strict` and `permissive` blocks, so one decoder fills either.
protocol ExpectationMembers {
    var status: StatusExpectation? { get set }
    var headers: [HeaderExpectation] { get set }
    var contentType: String? { get set }
    var body: JSONNode? { get set }
    var bodyText: String? { get set }
    var golden: String? { get set }
    var goldenLocation: SourceLocation? { get set }
    var compare: CompareMode? { get set }
    var arrays: ArrayMatching? { get set }
    var maxDurationMs: Int? { get set }
    var asserts: [ResponseAssertion] { get set }
}

extension ResponseExpectation: ExpectationMembers {}
extension ExpectationOverride: ExpectationMembers {}

/// The members a `strict` or `permissive` block may replace.
public struct ExpectationOverride: Sendable {
    public var status: StatusExpectation?
    public var headers: [HeaderExpectation] = []
    public var contentType: String?
    public var body: JSONNode?
    public var bodyText: String?
    public var golden: String?
    public var goldenLocation: SourceLocation?
    public var compare: CompareMode?
    public var arrays: ArrayMatching?
    public var maxDurationMs: Int?
    public var asserts: [ResponseAssertion] = []
    public init() {}
}

extension ResponseExpectation {
    /// Whether the expectation checks nothing about the response (no `expect`, or an empty one):
    /// such a step expects `2xx` (`StepRequest` adds it), so a 405 does not pass.
    public var checksNothing: Bool {
        status == nil && headers.isEmpty && contentType == nil && body == nil && bodyText == nil && golden == nil
            && maxDurationMs == nil && asserts.isEmpty && stream == nil && strict == nil
            && permissive == nil
    }

    /// This expectation as it applies in `mode`: the mode's block replaces the members it
    /// names; header rules are merged by header name.
    public func resolved(for mode: PolicyMode) -> ResponseExpectation {
        guard strict != nil || permissive != nil else { return self }
        var result = self
        if let block = mode == .strict ? strict : permissive { result.apply(block) }
        // The other mode's block says nothing about this run (an `expect` with only a `strict`
        // block checks nothing in permissive mode, and then expects `2xx`).
        result.strict = nil
        result.permissive = nil
        return result
    }
}

extension ResponseExpectation {
    /// Replaces the members `block` names; a body of any kind replaces every body member, and
    /// header rules are merged by header name. On an empty expectation this is plain assignment.
    mutating func apply(_ block: ExpectationOverride) {
        if let status = block.status { self.status = status }
        if let contentType = block.contentType { self.contentType = contentType }
        if block.body != nil || block.bodyText != nil || block.golden != nil {
            body = block.body
            bodyText = block.bodyText
            golden = block.golden
            goldenLocation = block.goldenLocation
        }
        if let compare = block.compare { self.compare = compare }
        if let arrays = block.arrays { self.arrays = arrays }
        if let ceiling = block.maxDurationMs { maxDurationMs = ceiling }
        // A mode block's assertions add to the common ones: each states one more fact.
        if !block.asserts.isEmpty { asserts += block.asserts }
        mergeHeaders(block.headers)
    }

    /// Adds `rules`, each replacing any rule for the same header name.
    mutating func mergeHeaders(_ rules: [HeaderExpectation]) {
        // Nearly always: no rules yet and one rule per header, so the merge would copy the list
        // rule by rule (growing it) only to end up equal to it.
        if headers.isEmpty && !Self.namesRepeat(rules) {
            headers = rules
            return
        }
        for rule in rules {
            headers.removeAll { HeaderName.equalIgnoringCase($0.name, rule.name) }
            headers.append(rule)
        }
    }

    /// Whether two rules name the same header (a later one replaces the earlier when merged).
    static func namesRepeat(_ rules: [HeaderExpectation]) -> Bool {
        guard rules.count > 1 else { return false }
        for later in 1..<rules.count {
            for earlier in 0..<later where HeaderName.equalIgnoringCase(rules[earlier].name, rules[later].name) {
                return true
            }
        }
        return false
    }
}

/// Accepted statuses: exact codes and classes such as `4xx`.
public struct StatusExpectation: Sendable, CustomStringConvertible {
    public enum Pattern: Sendable, Hashable {
        case code(Int)
        /// The hundreds digit: 4 for `4xx`.
        case statusClass(Int)
        /// `"any"`: every status, written to opt out of the default `2xx`.
        case any
    }

    public var patterns: [Pattern]
    public var location: SourceLocation?

    public func accepts(_ status: Int) -> Bool {
        patterns.contains {
            switch $0 {
            case .code(let code): code == status
            case .statusClass(let digit): status / 100 == digit
            case .any: true
            }
        }
    }

    public var description: String {
        let parts = patterns.map { pattern -> String in
            switch pattern {
            case .code(let code): String(code)
            case .statusClass(let digit): "\(digit)xx"
            case .any: "any"
            }
        }
        return parts.count == 1 ? parts[0] : "one of " + parts.joined(separator: ", ")
    }
}

/// A rule about one response header.
public struct HeaderExpectation: Sendable {
    public enum Rule: Sendable {
        case present
        case absent
        case equals(String)
        /// A whole-value regular expression.
        case regex(String)
        /// A `{{matcher}}` expression, e.g. `{{hex:32}}`.
        case matcher(String)
    }

    public var name: String
    public var rule: Rule
    public var location: SourceLocation?
}
