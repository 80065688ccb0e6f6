import Foundation

/// Takes a captured value out of a response.
enum CaptureExtractor {
    /// The captured text: strings as they are, other JSON values as compact JSON.
    static func extract(_ capture: Capture, from response: HTTPResponse, scope: VariableScope) -> Result<
        String, CaptureProblem
    > {
        // Header names and pointers may use variables (a pack names its trace header per target).
        switch capture.source {
        case .header(let written, let parameter):
            let name = scope.resolveKnown(written)
            guard let value = response.headers.first(name) else {
                return .failure(CaptureProblem("capture \(capture.name): response has no \(name) header"))
            }
            guard let parameter else { return .success(value) }
            guard let found = HeaderParameter.value(of: parameter, in: value) else {
                return .failure(
                    CaptureProblem("capture \(capture.name): the \(name) header has no \(parameter) parameter"))
            }
            return .success(found)
        case .cookie(let name):
            guard let value = SetCookie.value(of: name, in: response.headers) else {
                return .failure(CaptureProblem("capture \(capture.name): no Set-Cookie sets \(name)"))
            }
            return .success(value)
        case .regex(let regex):
            guard let value = regex.firstCapture(in: BodyText.decode(response)) else {
                return .failure(CaptureProblem("capture \(capture.name): /\(regex.pattern)/ does not match the body"))
            }
            return .success(value)
        case .jsonPath(let query):
            let body: JSONValue
            do {
                body = try BodyJSON.parse(response)
            } catch {
                return .failure(CaptureProblem("capture \(capture.name): body is not JSON (\(error.message))"))
            }
            let nodes = query.select(in: body)
            guard let first = nodes.first else {
                return .failure(
                    CaptureProblem("capture \(capture.name): JSONPath \(query.text) selects nothing in the body"))
            }
            let value = nodes.count == 1 ? first : .array(nodes)
            if case .string(let text) = value { return .success(text) }
            return .success(JSONWriter.compact(value))
        case .bodyPointer(let written):
            let pointer = scope.resolveKnown(written)
            let body: JSONValue
            do {
                body = try BodyJSON.parse(response)
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

/// One `name=value` parameter of a header value such as `text/html; charset=utf-8`: names compare
/// without case, a quoted value loses its quotes and backslash escapes (RFC 9110 §5.6.6).
enum HeaderParameter {
    static func value(of name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = part[..<equals].trimmingCharacters(in: .whitespaces)
            guard key.lowercased() == name.lowercased() else { continue }
            let raw = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 else { return raw }
            var text = ""
            var escaped = false
            for character in raw.dropFirst().dropLast() {
                if !escaped && character == "\\" {
                    escaped = true
                    continue
                }
                escaped = false
                text.append(character)
            }
            return text
        }
        return nil
    }
}
