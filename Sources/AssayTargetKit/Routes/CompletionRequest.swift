import Foundation

/// A validated `/v1/responses` or `/v1/chat/completions` request.
struct CompletionRequest: Sendable {
    /// Which endpoint it came from.
    enum Kind: Sendable { case responses, chat }

    var kind: Kind
    var model: String
    var prompt: String
    var stream: Bool
    var includeUsage: Bool
    var maxTokens: Int?
    /// Chat choices to generate (`n`); always 1 for responses.
    var choices: Int = 1
    /// Responses `instructions`, echoed in the response object.
    var instructions: String?

    /// The largest token limit accepted (`max_tokens` and its kin), as `/openapi.json` declares it.
    static let maxTokenLimit = 1_000_000

    /// What a Responses object echoes of this request.
    var echo: ResponsesPayloads.Echo {
        ResponsesPayloads.Echo(model: model, instructions: instructions, maxOutputTokens: maxTokens)
    }

    /// Parameters each endpoint accepts: what it serves, and what it may ignore without changing
    /// the answer's meaning (sampling knobs, `user`, `metadata`, `store`). Anything else from
    /// OpenAI's API gets 400 `unsupported_parameter`, and a name OpenAI does not know gets
    /// `unknown_parameter`, each naming the parameter, rather than being silently ignored.
    static func accepted(_ kind: Kind) -> Set<String> {
        let common: Set<String> = ["model", "stream", "temperature", "top_p", "user", "metadata", "store"]
        switch kind {
        case .chat:
            return common.union([
                "messages", "stream_options", "max_tokens", "max_completion_tokens", "n", "seed",
                "presence_penalty", "frequency_penalty",
            ])
        case .responses:
            return common.union(["input", "instructions", "max_output_tokens", "parallel_tool_calls", "truncation"])
        }
    }

    /// OpenAI parameters the target does not implement; they must be absent or null (or, for
    /// `tools`, empty) to be served.
    static let unimplemented: Set<String> = [
        "tools", "tool_choice", "functions", "function_call", "logprobs", "top_logprobs", "response_format",
        "stop", "logit_bias", "modalities", "audio", "prediction", "reasoning_effort", "service_tier",
        "web_search_options", "previous_response_id", "reasoning", "text", "include", "background", "prompt",
        "parallel_tool_calls", "max_tool_calls", "conversation", "top_k",
    ]
}

extension TargetServer {
    /// Validates the body: 400 for missing or mistyped fields, 404 for an unknown model.
    func completionRequest(_ context: RouteContext, kind: CompletionRequest.Kind) -> Result<
        CompletionRequest, ReplyError
    > {
        let json: RequestJSON
        let model: String
        switch modelBody(context) {
        case .success(let parsed): (json, model) = parsed
        case .failure(let error): return .failure(error)
        }
        if let envelope = Self.unsupportedParameter(json, accepted: CompletionRequest.accepted(kind)) {
            return .failure(ReplyError(fail(envelope)))
        }
        let prompt: String?
        let promptField: String
        switch kind {
        case .chat:
            promptField = "messages"
            prompt = Prompt.fromMessages(json.object["messages"])
        case .responses:
            promptField = "input"
            prompt = Prompt.fromResponsesInput(json.object["input"], instructions: json.string("instructions"))
        }
        guard let prompt else {
            let message =
                kind == .chat
                ? "'messages' must be a non-empty array of {role, content} objects."
                : "'input' must be a string or a non-empty array of {role, content} objects."
            let code = json.has(promptField) ? "invalid_value" : "missing_required_parameter"
            return .failure(ReplyError(fail(.invalidParam(promptField, message, code: code))))
        }
        if json.has("stream") && json.bool("stream") == nil {
            return .failure(ReplyError(fail(.invalidParam("stream", "'stream' must be a boolean."))))
        }
        // Chat has the older `max_tokens` and its successor `max_completion_tokens`; the smaller wins.
        let maxFields = kind == .chat ? ["max_tokens", "max_completion_tokens"] : ["max_output_tokens"]
        for field in maxFields where json.has(field) && !json.isNull(field) {
            guard let value = json.int(field), (1...CompletionRequest.maxTokenLimit).contains(value) else {
                return .failure(
                    ReplyError(
                        fail(
                            .invalidParam(
                                field, "'\(field)' must be an integer from 1 to \(CompletionRequest.maxTokenLimit)."))))
            }
        }
        var choices = 1
        if kind == .chat, json.has("n"), !json.isNull("n") {
            guard let n = json.int("n"), (1...8).contains(n) else {
                return .failure(ReplyError(fail(.invalidParam("n", "'n' must be an integer from 1 to 8."))))
            }
            choices = n
        }
        var request = CompletionRequest(
            kind: kind, model: model, prompt: prompt,
            stream: json.bool("stream") == true && !faults.contains(.streamIgnored),
            includeUsage: json.nested("stream_options")?.bool("include_usage") == true,
            maxTokens: maxFields.compactMap { json.int($0) }.min())
        request.choices = choices
        request.instructions = kind == .responses ? json.string("instructions") : nil
        return .success(request)
    }

    /// 400 naming the first parameter the endpoint does not serve, or one it accepts with the
    /// wrong JSON type; nil when all are served.
    ///
    /// Null values (and an empty `tools`) mean "not used", as OpenAI's SDKs may send them.
    static func unsupportedParameter(_ json: RequestJSON, accepted: Set<String>) -> ErrorEnvelope? {
        for key in json.object.keys.sorted() where accepted.contains(key) {
            guard let kind = ParameterKind.of[key], let value = json.object[key], !(value is NSNull) else { continue }
            if !kind.admits(value) {
                return .invalidParam(key, "'\(key)' must be \(kind.text).", code: "invalid_type")
            }
        }
        if let usage = json.nested("stream_options")?.object["include_usage"], !(usage is NSNull),
            !ParameterKind.boolean.admits(usage)
        {
            return .invalidParam(
                "stream_options.include_usage", "'stream_options.include_usage' must be a boolean.",
                code: "invalid_type")
        }
        for key in json.object.keys.sorted() where !accepted.contains(key) {
            let value = json.object[key]
            if value is NSNull || (key == "tools" && (value as? [Any])?.isEmpty == true) { continue }
            if CompletionRequest.unimplemented.contains(key) {
                return .invalidParam(
                    key, "The parameter '\(key)' is not supported by this server.", code: "unsupported_parameter")
            }
            return .invalidParam(key, "Unrecognized request argument supplied: \(key).", code: "unknown_parameter")
        }
        return nil
    }

    /// Reads and resolves `model`: 400 when missing or not a string, 404 when unknown.
    /// The JSON body of a model-taking route and its resolved model: 415/400 for the body, 400/404 for the model.
    func modelBody(_ context: RouteContext) -> Result<(json: RequestJSON, model: String), ReplyError> {
        jsonBody(context).flatMap { json in requiredModel(json).map { (json, $0) } }
    }

    func requiredModel(_ json: RequestJSON) -> Result<String, ReplyError> {
        guard let model = json.string("model") else {
            let code = json.has("model") ? "invalid_value" : "missing_required_parameter"
            return .failure(ReplyError(fail(.invalidParam("model", "'model' must be a model id string.", code: code))))
        }
        switch catalog.resolve(model) {
        case .success(let id): return .success(id)
        case .failure(let envelope): return .failure(ReplyError(fail(envelope)))
        }
    }

    /// The engine's answer; chat hashes a different prompt under `chat-responses-diverge`.
    func answer(for request: CompletionRequest) -> CompletionEngine.Answer {
        let diverge = request.kind == .chat && faults.contains(.chatResponsesDiverge)
        return engine.answer(diverge ? request.prompt + "\u{1}chat" : request.prompt, maxTokens: request.maxTokens)
    }

    /// The deltas as streamed; the last one differs under `stream-deltas-diverge`.
    func streamedDeltas(_ answer: CompletionEngine.Answer) -> [String] {
        guard faults.contains(.streamDeltasDiverge), !answer.deltas.isEmpty else { return answer.deltas }
        return answer.deltas.dropLast() + [" (diverged)"]
    }

    /// The headers of every SSE reply.
    var sseHeaders: [HTTPField] {
        [
            HTTPField(
                "Content-Type",
                faults.contains(.sseWrongContentType) ? "text/plain; charset=utf-8" : "text/event-stream; charset=utf-8"
            ),
            HTTPField("Cache-Control", "no-cache"),
        ]
    }

    /// The SSE writer with the configured (or faulted) heartbeat.
    func sseWriter(_ sink: StreamSink) -> SSEWriter {
        if faults.contains(.noHeartbeat) { return SSEWriter(sink: sink, heartbeatMs: nil) }
        let period = options.heartbeatMs * (faults.contains(.slowHeartbeat) ? 4 : 1)
        return SSEWriter(sink: sink, heartbeatMs: period)
    }

    /// A random id with a prefix, e.g. `resp_` plus 24 hex.
    static func newID(_ prefix: String) -> String {
        prefix + TraceIDs.hex(UInt64.random(in: 0...UInt64.max))
            + String(TraceIDs.hex(UInt64.random(in: 0...UInt64.max)).prefix(8))
    }

    /// An id that is the same for the same request body (FNV-1a), for the `deterministic-no-replay` fault.
    static func derivedID(_ prefix: String, from body: [UInt8]) -> String {
        let hash = body.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        return prefix + TraceIDs.hex(hash) + String(TraceIDs.hex(hash &* 0x9E37_79B9_7F4A_7C15).prefix(8))
    }

    /// The `created` time of every answer under the `deterministic-no-replay` fault.
    static let fixedCreated = 1_700_000_000

    /// Unix seconds now.
    static func unixNow() -> Int { Int(Date().timeIntervalSince1970) }
}

/// The JSON type an accepted-but-ignored parameter must have, so a wrong type is still a 400.
enum ParameterKind {
    case number, integer, boolean, string, object

    /// The parameters whose type is checked here; the others are checked where they are used.
    static let of: [String: ParameterKind] = [
        "temperature": .number, "top_p": .number, "presence_penalty": .number, "frequency_penalty": .number,
        "seed": .integer, "user": .string, "metadata": .object, "store": .boolean, "parallel_tool_calls": .boolean,
        "truncation": .string, "instructions": .string, "stream_options": .object,
    ]

    var text: String {
        switch self {
        case .number: "a number"
        case .integer: "an integer"
        case .boolean: "a boolean"
        case .string: "a string"
        case .object: "an object"
        }
    }

    func admits(_ value: Any) -> Bool {
        switch self {
        case .string: return value is String
        case .object: return value is [String: Any]
        case .number, .integer, .boolean:
            guard let number = value as? NSNumber, !(value is String) else { return false }
            let isBool = String(cString: number.objCType) == "c"
            if self == .boolean { return isBool }
            if isBool || !number.doubleValue.isFinite { return false }
            return self == .number || number.doubleValue == number.doubleValue.rounded()
        }
    }
}
