/// A response body's JSON, parsed at most once for every check of one step: the body check, the
/// golden, captures and the OpenAPI validation each need it, and parsing is the costly part of each.
/// Lives for one judgement, on one thread.
final class ParsedBody {
    private let response: HTTPResponse
    private var parsed: Result<JSONValue, Diagnostic>?

    init(_ response: HTTPResponse) { self.response = response }

    /// The body's JSON value, or why it is none (as `BodyJSON.parse` says it).
    func value() throws(Diagnostic) -> JSONValue {
        if let parsed { return try parsed.get() }
        let result: Result<JSONValue, Diagnostic>
        do throws(Diagnostic) {
            result = .success(try BodyJSON.parse(response))
        } catch {
            result = .failure(error)
        }
        parsed = result
        return try result.get()
    }
}
