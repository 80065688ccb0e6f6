/// `expect.stream.expectError`: the request is meant to fail, and the stream must say so the way the
/// API promises, rather than just stop. Either the stream's last real event (a terminator sentinel
/// after it aside) is an error frame of one of the accepted shapes, or, when `answer` is given, the
/// server refused before streaming with a non-2xx answer whose JSON body has that shape.
///
/// A silent close, a `[DONE]` or `response.completed` after a cut, and an error frame that is not
/// an accepted shape all fail (`stream error_signal`). While it is set, the error frame it accepts
/// is what the stream must end with, so neither `errorFrames` nor a failure terminator
/// (`response.failed`) is reported as a finding.
public struct StreamErrorExpectation: Sendable {
    /// One accepted error frame: its event type, if it matters, and its data (compared as a subset,
    /// `{{matchers}}` allowed).
    public struct Frame: Sendable {
        /// The SSE event type it must have; nil accepts any type.
        public var eventType: String?
        /// What its data must contain.
        public var data: JSONValue

        /// Creates an accepted frame.
        public init(eventType: String? = nil, data: JSONValue) {
            self.eventType = eventType
            self.data = data
        }

        /// e.g. `event error` or `a data frame`, for messages.
        var label: String { eventType.map { "event \($0)" } ?? "a data frame" }
    }

    /// The accepted error frames, in the order their mismatches are reported.
    public var frames: [Frame]
    /// The JSON body of an error answered instead of a stream (any non-2xx status); nil when the
    /// error must arrive inside the stream.
    public var answer: JSONValue?
    /// Which events look like an error (to tell "an error of the wrong shape" from "no error").
    public var classifier: ErrorFrameRule

    /// Creates the expectation.
    public init(frames: [Frame], answer: JSONValue? = nil, classifier: ErrorFrameRule = ErrorFrameRule()) {
        self.frames = frames
        self.answer = answer
        self.classifier = classifier
    }
}
