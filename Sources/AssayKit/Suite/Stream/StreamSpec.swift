/// A suite's `expect.stream` block, decoded: the SSE rules the evaluator checks, the event data
/// expectations (kept as located nodes so `${variables}` resolve per run), and how the
/// reassembled answer is compared.
public struct StreamSpec: Sendable {
    /// The preset the block started from, if any.
    public var preset: StreamPreset?
    /// The rules for the SSE evaluator and watch (event expectations are added per run).
    public var expectation: StreamExpectation
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

    /// Creates a spec; every member defaults to "not checked" except error frames.
    public init(
        preset: StreamPreset? = nil, expectation: StreamExpectation = StreamExpectation(),
        terminatorGrace: Duration = .zero, events: [StreamEventCheck] = [],
        reassembly: StreamReassembly = StreamReassembly(), ruleLocations: [StreamRule: SourceLocation] = [:],
        location: SourceLocation? = nil
    ) {
        self.preset = preset
        self.expectation = expectation
        self.terminatorGrace = terminatorGrace
        self.events = events
        self.reassembly = reassembly
        self.ruleLocations = ruleLocations
        self.location = location
    }
}

/// Defaults for the two OpenAI streaming formats.
public enum StreamPreset: String, Sendable, CaseIterable {
    /// Chat Completions: data-only frames ending with `data: [DONE]`.
    case chat
    /// Responses API: typed events in the documented order, `sequence_number`, `response.completed`.
    case responses

    /// The rules the preset starts from.
    public var expectation: StreamExpectation {
        switch self {
        case .chat: .chatCompletions
        case .responses: .responses
        }
    }

    /// Where the same answer's text sits in a non-streamed response of this format.
    public var nonStreamTextPath: StreamFieldPath {
        switch self {
        case .chat: "choices[0].message.content"
        case .responses: "output[0].content[0].text"
        }
    }
}

/// Expected JSON for the data of the events a selector picks.
public struct StreamEventCheck: Sendable {
    /// Which events are checked.
    public var selector: EventMatch.Selector
    /// The expected data, with `{{matchers}}` and `${variables}` (validated when decoded).
    public var data: JSONNode
    /// Exact or subset comparison (subset by default: events carry many incidental members).
    public var compare: CompareMode
    /// Where the entry was written.
    public var location: SourceLocation

    /// Creates an event check.
    public init(selector: EventMatch.Selector, data: JSONNode, compare: CompareMode = .subset, location: SourceLocation)
    {
        self.selector = selector
        self.data = data
        self.compare = compare
        self.location = location
    }
}

/// What the reassembled delta text is compared with; every member is optional and independent.
public struct StreamReassembly: Sendable {
    /// A text golden, relative to the goldens root (record modes apply).
    public var golden: String?
    /// Where `golden` was written.
    public var goldenLocation: SourceLocation?
    /// An expected string, possibly with `${variables}`.
    public var equals: String?
    /// Where `equals` was written.
    public var equalsLocation: SourceLocation?
    /// Send the request again without streaming and compare with the text found there.
    public var nonStream: NonStreamComparison?

    /// Creates a reassembly rule that compares nothing.
    public init(
        golden: String? = nil, goldenLocation: SourceLocation? = nil, equals: String? = nil,
        equalsLocation: SourceLocation? = nil, nonStream: NonStreamComparison? = nil
    ) {
        self.golden = golden
        self.goldenLocation = goldenLocation
        self.equals = equals
        self.equalsLocation = equalsLocation
        self.nonStream = nonStream
    }

    /// Whether anything is compared.
    public var isEmpty: Bool { golden == nil && equals == nil && nonStream == nil }
}

/// "The streamed answer equals the non-streamed one": the same request, with `body` members merged
/// into its JSON body, sent once more without streaming.
public struct NonStreamComparison: Sendable {
    /// Members merged into the request body (top level), e.g. `{"stream": false}`.
    public var bodyMembers: JSONObject
    /// Where the text is in the non-streamed response body.
    public var path: StreamFieldPath
    /// Where the block was written.
    public var location: SourceLocation

    /// Creates a comparison.
    public init(bodyMembers: JSONObject, path: StreamFieldPath, location: SourceLocation) {
        self.bodyMembers = bodyMembers
        self.path = path
        self.location = location
    }
}
