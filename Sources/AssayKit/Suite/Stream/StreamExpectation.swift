/// A suite's `expect.stream` block, the one spec of a streamed response: the SSE rules, the
/// expected data of selected events (kept as located nodes, so `${variables}` resolve per run) and
/// how the reassembled answer is compared. Every rule is optional; `StreamEvaluator` checks a
/// recorded `StreamTimeline` against it and `StreamWatch` stops a transfer early with it.
public struct StreamExpectation: Sendable {
    /// The preset the block started from, if any.
    public var preset: StreamPreset?
    /// Which items are keep-alives.
    public var heartbeat: HeartbeatRule
    /// Ceiling on request sent → response head.
    public var maxTimeToHead: Duration?
    /// Ceiling on request sent → first body byte.
    public var maxTimeToFirstByte: Duration?
    /// Ceiling on request sent → first real (non-heartbeat) event.
    public var maxTimeToFirstEvent: Duration?
    /// Ceiling on the gap between byte arrivals (or head → first byte) while the answer is pending.
    public var maxHeartbeatGap: Duration?
    /// Ceiling on the gap between consecutive real events; heartbeats do not reset it.
    public var maxEventGap: Duration?
    /// Ceiling on request sent → end of stream.
    public var deadline: Duration?
    /// How the stream must end.
    public var terminator: TerminatorRule?
    /// The allowed order of real event types.
    public var order: EventTypePattern?
    /// A per-event counter that must increase.
    public var sequence: SequenceRule?
    /// Error frames inside the stream; nil turns the check off.
    public var errorFrames: ErrorFrameRule?
    /// Set when the request is meant to fail: how the error must be signalled (`expectError`).
    public var expectedError: StreamErrorExpectation?
    /// Every real event's data other than the terminator's sentinel must be JSON (a cut frame is not).
    public var jsonData = false
    /// Where delta text sits, for reassembling the answer.
    public var deltas: [DeltaRule]
    /// How long to keep reading after the terminator, so events after it can be seen.
    public var terminatorGrace: Duration
    /// Expected data of selected events.
    public var events: [StreamEventCheck]
    /// How the reassembled delta text is compared, if at all.
    public var reassembly: StreamReassembly
    /// Where each rule was written, so a finding points at its own key.
    public var ruleLocations: [StreamRule: SourceLocation]
    /// Where the `stream` block starts.
    public var location: SourceLocation?
    /// Options written with suite variables, decoded by the plan.
    var pending: PendingOptions?

    /// Creates an expectation; by default only error frames are checked.
    public init(
        heartbeat: HeartbeatRule = HeartbeatRule(), maxTimeToHead: Duration? = nil, maxTimeToFirstByte: Duration? = nil,
        maxTimeToFirstEvent: Duration? = nil, maxHeartbeatGap: Duration? = nil, maxEventGap: Duration? = nil,
        deadline: Duration? = nil, terminator: TerminatorRule? = nil, order: EventTypePattern? = nil,
        sequence: SequenceRule? = nil, errorFrames: ErrorFrameRule? = ErrorFrameRule(),
        deltas: [DeltaRule] = DeltaRule.defaults, preset: StreamPreset? = nil, terminatorGrace: Duration = .zero,
        events: [StreamEventCheck] = [], reassembly: StreamReassembly = StreamReassembly(),
        ruleLocations: [StreamRule: SourceLocation] = [:], location: SourceLocation? = nil
    ) {
        self.preset = preset
        self.heartbeat = heartbeat
        self.maxTimeToHead = maxTimeToHead
        self.maxTimeToFirstByte = maxTimeToFirstByte
        self.maxTimeToFirstEvent = maxTimeToFirstEvent
        self.maxHeartbeatGap = maxHeartbeatGap
        self.maxEventGap = maxEventGap
        self.deadline = deadline
        self.terminator = terminator
        self.order = order
        self.sequence = sequence
        self.errorFrames = errorFrames
        self.deltas = deltas
        self.terminatorGrace = terminatorGrace
        self.events = events
        self.reassembly = reassembly
        self.ruleLocations = ruleLocations
        self.location = location
    }

    /// The Chat Completions contract: `data: [DONE]` ends the stream, nothing after it.
    public static var chatCompletions: StreamExpectation {
        var spec = StreamExpectation(terminator: .done)
        spec.jsonData = true
        return spec
    }

    /// The Responses-API contract: the documented event order, `sequence_number` increasing by 1,
    /// and `response.completed` (or `response.failed` / `response.incomplete`, reported) at the end.
    public static var responses: StreamExpectation {
        var spec = StreamExpectation(
            terminator: .responses, order: .responsesText, sequence: SequenceRule(consecutive: true))
        spec.jsonData = true
        return spec
    }
}

extension EventTypePattern {
    /// The documented event order of a Responses-API text answer.
    public static let responsesText = EventTypePattern(elements: [
        Element(["response.created"]), Element(["response.in_progress"]), Element(["response.output_item.added"]),
        Element(["response.content_part.added"]), Element(["response.output_text.delta"], .zeroOrMore),
        Element(["response.output_text.done"]), Element(["response.content_part.done"]),
        Element(["response.output_item.done"]),
        Element(["response.completed", "response.failed", "response.incomplete"]),
    ])
}

/// How a stream must end: a sentinel data value or a final event type, and nothing after it.
public struct TerminatorRule: Sendable, Equatable {
    /// Data that ends the stream, e.g. `[DONE]`.
    public var doneData: String?
    /// Event types that end the stream successfully, e.g. `response.completed`.
    public var eventTypes: [String]
    /// Event types that end the stream as a failure, e.g. `response.failed`, `response.incomplete`.
    public var failureEventTypes: [String]
    /// Whether ending with a failure type is a finding.
    public var failureIsFinding: Bool
    /// Whether a stream without a terminator is a finding.
    public var required: Bool
    /// Whether events after the terminator are tolerated.
    public var allowsEventsAfter: Bool

    /// Creates a terminator rule.
    public init(
        doneData: String? = nil, eventTypes: [String] = [], failureEventTypes: [String] = [],
        failureIsFinding: Bool = true, required: Bool = true, allowsEventsAfter: Bool = false
    ) {
        self.doneData = doneData
        self.eventTypes = eventTypes
        self.failureEventTypes = failureEventTypes
        self.failureIsFinding = failureIsFinding
        self.required = required
        self.allowsEventsAfter = allowsEventsAfter
    }

    /// `data: [DONE]`, as Chat Completions sends.
    public static let done = TerminatorRule(doneData: "[DONE]")
    /// `response.completed`, with `response.failed` and `response.incomplete` ending the stream as failures.
    public static let responses = TerminatorRule(
        eventTypes: ["response.completed"], failureEventTypes: ["response.failed", "response.incomplete"])

    /// What the rule accepts, for messages, e.g. `data [DONE]` or `event response.completed`.
    public var expectedDescription: String {
        var parts: [String] = []
        if let doneData { parts.append("data \(doneData)") }
        parts += (eventTypes + failureEventTypes).map { "event \($0)" }
        return parts.joined(separator: " or ")
    }
}

/// A counter in each event's data that must increase, e.g. Responses' `sequence_number`.
public struct SequenceRule: Sendable, Equatable {
    /// Where the counter is.
    public var path: StreamFieldPath
    /// Whether each value must be exactly the previous plus one.
    public var consecutive: Bool
    /// Whether a real event without the counter is a finding.
    public var requiredOnEveryEvent: Bool

    /// Creates a sequence rule.
    public init(path: StreamFieldPath = "sequence_number", consecutive: Bool = false, requiredOnEveryEvent: Bool = true)
    {
        self.path = path
        self.consecutive = consecutive
        self.requiredOnEveryEvent = requiredOnEveryEvent
    }
}

/// What counts as an error frame inside a (typically 200) stream.
public struct ErrorFrameRule: Sendable, Equatable {
    /// Event types that are errors.
    public var eventTypes: Set<String>
    /// A top-level data member whose presence (non-null) marks an error.
    public var member: String

    /// Creates a rule; by default `event: error`, `response.failed` and `data: {"error": …}` are errors.
    public init(eventTypes: Set<String> = ["error", "response.failed"], member: String = "error") {
        self.eventTypes = eventTypes
        self.member = member
    }
}

/// Where delta text is, for reassembling the streamed answer.
public struct DeltaRule: Sendable, Equatable {
    /// Only events of this type; nil means any type.
    public var eventType: String?
    /// Where the text is in the event's data.
    public var path: StreamFieldPath

    /// Creates a delta rule.
    public init(eventType: String? = nil, path: StreamFieldPath) {
        self.eventType = eventType
        self.path = path
    }

    /// Chat Completions' `choices[0].delta.content` and Responses' `delta` on `response.output_text.delta`.
    public static let defaults = [
        DeltaRule(eventType: "response.output_text.delta", path: "delta"),
        DeltaRule(path: "choices[0].delta.content"),
    ]
}

/// Which events of a stream an expectation applies to.
public enum EventSelector: Sendable, Equatable, CustomStringConvertible {
    /// The real event at this 0-based index; negative counts from the end (-1 is the last).
    case index(Int)
    /// Events of this type: every one when `occurrence` is nil, else the n-th (0-based).
    case type(String, occurrence: Int?)

    /// e.g. `event #2`, `every "response.completed" event`.
    public var description: String {
        switch self {
        case .index(let index): "event #\(index)"
        case .type(let type, nil): "every \"\(type)\" event"
        case .type(let type, let occurrence?): "\"\(type)\" event #\(occurrence)"
        }
    }
}
