/// Takes a captured value out of a response.
enum CaptureExtractor {
    /// The captured text: strings as they are, other JSON values as compact JSON.
    static func extract(_ capture: Capture, from response: HTTPResponse, scope: VariableScope) -> Result<
        String, CaptureProblem
    > {
        // Header names and pointers may use variables (a pack names its trace header per target).
        switch capture.source {
        case .header(let written):
            let name = scope.resolveKnown(written)
            guard let value = response.headers.first(name) else {
                return .failure(CaptureProblem("capture \(capture.name): response has no \(name) header"))
            }
            return .success(value)
        case .bodyPointer(let written):
            let pointer = scope.resolveKnown(written)
            let body: JSONValue
            do {
                body = try JSONParser.parseValue(response.body)
            } catch {
                return .failure(CaptureProblem("capture \(capture.name): body is not JSON (\(error.message))"))
            }
            guard let parsed = try? JSONPointer(parsing: pointer), let value = parsed.resolve(in: body) else {
                return .failure(
                    CaptureProblem("capture \(capture.name): nothing at JSON pointer \"\(pointer)\" in the body"))
            }
            if case .string(let text) = value { return .success(text) }
            return .success(JSONWriter.compact(value))
        }
    }
}

/// Why a capture found nothing; reported as a failed check.
struct CaptureProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
