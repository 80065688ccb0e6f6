import Foundation

/// Validation of a run's exchanges against an OpenAPI description (`--openapi`, `openapi:` in the
/// config): one matcher and one validator for the whole run. Each exchange is matched to its
/// operation and each violation becomes a failed `openapi` check naming the JSON path and where
/// the description states the rule. Pure: the caller hands in what was exchanged.
///
/// A class: the run's context hands it to every step it judges, and copying the matcher's and
/// the validator's fields retained each of them.
public final class OpenAPIExchangeCheck: Sendable {
    /// More violations than this on one exchange are summed up in one more check: a list of
    /// thousands of items that all break one rule would bury the first, which says it all.
    static let violationsShown = 20

    public let matcher: OpenAPIOperationMatcher
    public let validator: OpenAPIResponseValidator
    public let scope: OpenAPISetting.Scope
    /// The target's own base path (`/api` of `http://host/api`), taken off before matching.
    let targetBase: String
    /// How many exchanges were validated, matched no operation, or fell outside the scope: the
    /// latter two get no check, so the run's summary is where they show.
    public let tally = OpenAPIExchangeTally()

    /// `allowNull`: JSON pointers into the description (`/components/schemas/Response/properties/user`)
    /// of schemas that accept null too; one that reaches nothing is an error at `location`.
    public init(
        spec: OpenAPISpec, mode: PolicyMode, scope: OpenAPISetting.Scope = .all, allowNull: [String] = [],
        target: String = "", location: SourceLocation? = nil
    ) throws(Diagnostic) {
        var nullAllowed: Set<SourceLocation> = []
        for pointer in allowNull {
            do throws(Diagnostic) {
                nullAllowed.insert(try spec.resolver.target(of: "#" + pointer, from: spec.root).location)
            } catch {
                throw Diagnostic(
                    "`allowNull` entry \(JSONWriter.quote(pointer)) names no schema in \(spec.file): \(error.message)",
                    at: location)
            }
        }
        matcher = OpenAPIOperationMatcher(spec: spec)
        validator = OpenAPIResponseValidator(spec: spec, mode: mode, nullAllowed: nullAllowed)
        self.scope = scope
        let base = URLComponents(string: target)?.percentEncodedPath ?? ""
        targetBase = base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    /// The description's file (or URL), as findings name it.
    public var specName: String { validator.spec.file }

    /// The `openapi` checks of one exchange. `events` are a stream's events when the transport
    /// consumed the body (a `stream` step); otherwise an event-stream body is parsed here.
    /// `describesPasses: false` leaves a passing check without a message (see `CheckResult.pass`);
    /// `json` hands in the body's JSON when the step's other checks parsed it already.
    ///
    /// An exchange no operation matches, or whose status is outside the scope, gets no check: a
    /// passing one would claim a validation that did not happen. It is counted in `tally`
    /// instead; `tallied: false` judges an exchange again (to describe it) without counting it twice.
    public func checks(
        method: String, url: String, status: Int, headers: [(name: String, value: String)], body: Data,
        events: [SSEEvent]? = nil, describesPasses: Bool = true, json: (() throws(Diagnostic) -> JSONValue)? = nil,
        tallied: Bool = true
    ) -> [CheckResult] {
        let path = Self.path(of: url)
        let relative =
            !targetBase.isEmpty && path.hasPrefix(targetBase + "/") ? path.dropFirst(targetBase.count) : path
        guard
            let operation = matcher.operation(method: method, path: relative)
                ?? matcher.operation(method: method, path: path)
        else {
            if tallied { tally.record(.unmatched) }
            return []
        }
        if scope == .success && !(200...299).contains(status) {
            if tallied { tally.record(.outsideScope) }
            return []
        }
        if tallied { tally.record(.validated) }
        let contentType = OpenAPIResponseValidator.contentType(in: headers)
        let isStream = Self.isEventStream(contentType)
        // The body of a stream is its events, each validated on its own, not one JSON document.
        var violations = validator.validate(
            operation, status: status, headers: headers, contentType: contentType, body: body,
            bodyConsumed: isStream || events != nil, json: json)
        var eventCount = 0
        if isStream {
            let streamed = events ?? Self.events(body)
            eventCount = streamed.count
            for (index, event) in streamed.enumerated() {
                for violation in validator.validateEvent(
                    event.data, type: event.type, id: event.id, operation: operation, status: status)
                {
                    var located = violation
                    located.path = "event \(index + 1) " + violation.path
                    violations.append(located)
                }
            }
        }
        guard !violations.isEmpty else {
            let events = isStream ? " (\(eventCount) event\(eventCount == 1 ? "" : "s"))" : ""
            return [
                .pass(
                    "openapi", "openapi: \(operation.title) \(status) fits \(specName)\(events)",
                    subject: operation.title, described: describesPasses)
            ]
        }
        var results = violations.prefix(Self.violationsShown).map { violation in
            CheckResult.fail(
                "openapi", "openapi \(operation.title) \(status): \(violation.path): \(violation.message)",
                subject: violation.path, details: ["schema: \(violation.keyword) at \(violation.schemaLocation)"],
                at: violation.schemaLocation)
        }
        if violations.count > Self.violationsShown {
            results.append(
                .fail(
                    "openapi",
                    "openapi \(operation.title) \(status): \(violations.count - Self.violationsShown) more violation(s) not shown",
                    subject: operation.title))
        }
        return results
    }

    /// The path of a request URL, percent-encoded as sent (the matcher decodes parameter values):
    /// from the first `/` after the authority to `?` or `#`. Read by hand, as every exchange needs it.
    static func path(of url: String) -> Substring {
        url.utf8Slice(pathBounds) ?? "/"
    }

    /// Where the path is in a URL's bytes; nil when there is none (`http://host`).
    private static func pathBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = 0
        // The scheme ends at the first `:` before any `/`.
        if let colon = bytes.firstIndex(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") }),
            bytes[colon...].starts(with: "://".utf8)
        {
            start = colon + 3
        }
        guard let slash = bytes[start...].firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let end = bytes[slash...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        return slash..<end
    }

    /// Whether a `Content-Type` is `text/event-stream` (parameters aside).
    static func isEventStream(_ contentType: String) -> Bool {
        OpenAPIResponsePlan.essence(of: contentType).equalsIgnoringASCIICase("text/event-stream")
    }

    /// Every event in an event-stream body.
    static func events(_ body: Data) -> [SSEEvent] {
        var parser = SSEParser()
        let now = ContinuousClock.now
        return (parser.feed(body, at: now) + parser.finish(at: now)).compactMap {
            if case .event(let event) = $0 { event } else { nil }
        }
    }
}
