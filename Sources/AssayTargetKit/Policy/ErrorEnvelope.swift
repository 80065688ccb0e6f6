/// An error answer in the OpenAI envelope: `{"error":{"message","type","param","code"}}`.
public struct ErrorEnvelope: Sendable, Error {
    /// The HTTP status.
    public var status: Int
    /// A human-readable message.
    public var message: String
    /// The error type, e.g. `invalid_request_error`.
    public var type: String
    /// The offending parameter, if any.
    public var param: String?
    /// A machine-readable code, if any.
    public var code: String?
    /// Extra headers, e.g. `Allow` on 405 or `Retry-After` on 429.
    public var headers: [HTTPField] = []

    /// Creates an envelope.
    public init(
        _ status: Int, _ message: String, type: String = "invalid_request_error", param: String? = nil,
        code: String?, headers: [HTTPField] = []
    ) {
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
        self.headers = headers
    }

    /// The JSON body; `includeParam` is false only under the `envelope-missing-param` fault.
    public func json(includeParam: Bool = true) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [("message", .string(message)), ("type", .string(type))]
        if includeParam { members.append(("param", .optional(param))) }
        members.append(("code", .optional(code)))
        return .object([("error", .object(members))])
    }

    /// The full response.
    public func response(includeParam: Bool = true) -> HTTPResponse {
        var response = HTTPResponse.json(status, json(includeParam: includeParam))
        response.headers += headers
        return response
    }
}

extension ErrorEnvelope {
    /// 400 for a body that is not a JSON object.
    static func invalidJSON() -> ErrorEnvelope {
        ErrorEnvelope(400, "The request body is not a valid JSON object.", code: "invalid_json")
    }

    /// 400 for a missing or mistyped parameter.
    static func invalidParam(_ param: String, _ message: String, code: String = "invalid_value") -> ErrorEnvelope {
        ErrorEnvelope(400, message, param: param, code: code)
    }

    /// 404 for an unknown model id.
    static func modelNotFound(_ id: String) -> ErrorEnvelope {
        ErrorEnvelope(404, "The model '\(id)' does not exist.", param: "model", code: "model_not_found")
    }

    /// 404 for an unknown route.
    static func unknownURL(_ method: String, _ path: String) -> ErrorEnvelope {
        ErrorEnvelope(404, "Invalid URL (\(method) \(path)).", code: "unknown_url")
    }

    /// 405 for a known route with another method.
    static func methodNotAllowed(_ method: String, _ path: String, allowed: [String]) -> ErrorEnvelope {
        ErrorEnvelope(
            405, "Method \(method) is not allowed on \(path); use \(allowed.joined(separator: ", ")).",
            code: "method_not_allowed", headers: [HTTPField("Allow", allowed.joined(separator: ", "))])
    }

    /// 500 from the debug route.
    static func serverError(_ message: String) -> ErrorEnvelope {
        ErrorEnvelope(500, message, type: "server_error", code: nil)
    }
}
