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
