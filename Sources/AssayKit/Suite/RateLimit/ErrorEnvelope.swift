/// The error body a target promises: OpenAI's `{"error": {message, type, param, code}}`
/// or RFC 9457 problem details. Used by the rate-limit check (on the 429) and the replay
/// check (on the answer to a reused key with a different body).
public enum ErrorEnvelope: String, Sendable, CaseIterable {
    /// `{"error": {"message": string, "type": string, "param": string|null, "code": string|null}}`, all four keys required.
    case openai
    /// `application/problem+json` with an object body whose `status`, when present, equals the real status.
    case problem
    /// No body requirement.
    case none
}
