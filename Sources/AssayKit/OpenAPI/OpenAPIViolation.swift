/// A place where a response breaks its description: which part of the body, what rule, and where
/// the spec states that rule (`openapi.yaml:812:9`).
public struct OpenAPIViolation: Sendable, Equatable, CustomStringConvertible {
    /// The JSON path in the body (`$.data[0].id`), or what else was checked (`status`, `header X-Trace-Id`).
    public var path: String
    /// The schema keyword or response rule broken: `type`, `required`, `status`, `content-type`, …
    public var keyword: String
    public var message: String
    /// Where the rule is written in the description.
    public var schemaLocation: SourceLocation

    public init(path: String, keyword: String, message: String, schemaLocation: SourceLocation) {
        self.path = path
        self.keyword = keyword
        self.message = message
        self.schemaLocation = schemaLocation
    }

    /// `$.id: expected a string, got 42 (openapi.yaml:812:9)`.
    public var description: String { "\(path): \(message) (\(schemaLocation))" }
}
