/// Decoding of `expect.stream`: a preset, then every key overriding it. Each rule's key location is
/// kept so a finding points at the line that asked for it.
extension SuiteDecoder {
    static let streamKeys = [
        "preset", "heartbeat", "maxTimeToHead", "maxTimeToFirstByte", "maxTimeToFirstEvent", "maxHeartbeatGap",
        "maxEventGap", "deadline", "terminator", "terminatorGrace", "order", "sequence", "errorFrames", "events",
        "eventsCompare", "reassemble", "jsonData", "expectError",
    ]

    /// The `stream` block of an expectation, or nil when absent.
    static func decodeStream(_ node: JSONNode?) throws(Diagnostic) -> StreamExpectation? {
        guard let node else { return nil }
        var spec = StreamExpectation(location: node.location)
        // The preset is the base every other option overrides, and `eventsCompare` is the default of
        // every `events` entry: when either waits for a variable, so does what depends on it.
        try StreamExpectation.decode(node, into: &spec, runTimeKeys: streamRunTimeKeys) { pending in
            if pending.contains("preset") { return Set(streamKeys) }
            return pending.contains("eventsCompare") ? pending.union(["events"]) : pending
        }
        return spec
    }

    /// The six clock ceilings, each a duration in ms or a string such as `"1.5s"`.
    static func decodeStreamClocks(_ reader: NodeReader, into spec: inout StreamExpectation) throws(Diagnostic) {
        let clocks: [(String, StreamRule, WritableKeyPath<StreamExpectation, Duration?>)] = [
            ("maxTimeToHead", .timeToHead, \.maxTimeToHead),
            ("maxTimeToFirstByte", .timeToFirstByte, \.maxTimeToFirstByte),
            ("maxTimeToFirstEvent", .timeToFirstEvent, \.maxTimeToFirstEvent),
            ("maxHeartbeatGap", .heartbeatGap, \.maxHeartbeatGap),
            ("maxEventGap", .eventGap, \.maxEventGap),
            ("deadline", .deadline, \.deadline),
        ]
        for (key, rule, path) in clocks {
            guard let milliseconds = try reader.milliseconds(key), let node = reader.member(key) else { continue }
            spec[keyPath: path] = .milliseconds(milliseconds)
            spec.ruleLocations[rule] = node.location
        }
    }

    /// `true` (the usual conventions), `false` (nothing is a heartbeat), or
    /// `{"comments": bool, "events": [types], "data": {…} or [{…}, …]}`; `[]` turns a part off.
    static func decodeHeartbeat(_ node: JSONNode) throws(Diagnostic) -> HeartbeatRule {
        if case .bool(let enabled) = node.kind { return enabled ? HeartbeatRule() : .none }
        var reader = try NodeReader(node, context: "`heartbeat`")
        reader.allow("comments", "events", "data")
        try reader.finish()
        // Unlisted parts keep the usual conventions: adding a data heartbeat should not stop comments counting.
        var rule = HeartbeatRule()
        if let comments = try reader.bool("comments") { rule.comments = comments }
        if reader.has("events") { rule.eventTypes = Set(try reader.strings("events")) }
        if let data = reader.member("data") {
            if case .array(let items) = data.kind {
                rule.dataMatching = items.map(\.value)
            } else {
                rule.dataMatching = [data.value]
            }
        }
        return rule
    }

    /// `false`, `true` (the preset's, else any known terminator), a sentinel string such as
    /// `"[DONE]"`, or `{"data", "event", "failure", "failureIsFinding", "required", "allowEventsAfter"}`.
    static func decodeTerminator(_ node: JSONNode, preset: StreamPreset?) throws(Diagnostic) -> TerminatorRule? {
        switch node.kind {
        case .null, .bool(false):
            return nil
        case .bool(true):
            if let rule = preset?.expectation.terminator { return rule }
            var rule = TerminatorRule.anyKnown
            rule.required = true
            rule.allowsEventsAfter = false
            return rule
        case .string(let sentinel):
            guard !sentinel.isEmpty else {
                throw Diagnostic(
                    "expected `terminator` to be a non-empty data sentinel such as \"[DONE]\"", at: node.location)
            }
            return TerminatorRule(doneData: sentinel)
        case .object:
            var reader = try NodeReader(node, context: "`terminator`")
            reader.allow("data", "event", "failure", "failureIsFinding", "required", "allowEventsAfter")
            try reader.finish()
            let rule = TerminatorRule(
                doneData: try reader.string("data"), eventTypes: try reader.strings("event"),
                failureEventTypes: try reader.strings("failure"),
                failureIsFinding: try reader.bool("failureIsFinding") ?? true,
                required: try reader.bool("required") ?? true,
                allowsEventsAfter: try reader.bool("allowEventsAfter") ?? false)
            if rule.doneData == nil, rule.eventTypes.isEmpty, rule.failureEventTypes.isEmpty {
                throw Diagnostic(
                    "`terminator` needs `data` (e.g. \"[DONE]\") or `event` (e.g. \"response.completed\")",
                    at: node.location)
            }
            return rule
        default:
            throw Diagnostic(
                "expected `terminator` to be a data sentinel such as \"[DONE]\", an object, or true/false, found \(node.kindName)",
                at: node.location)
        }
    }

    /// An event-order pattern as one string, or a list of pattern elements; `false` turns it off.
    static func decodeOrder(_ node: JSONNode) throws(Diagnostic) -> EventTypePattern? {
        switch node.kind {
        case .null, .bool(false):
            return nil
        case .string(let text):
            return try EventTypePattern(parsing: text, at: node.location)
        case .array(let items):
            var elements: [EventTypePattern.Element] = []
            for item in items {
                let text = try item.requireString("an element of `order`")
                elements += try EventTypePattern(parsing: text, at: item.location).elements
            }
            guard !elements.isEmpty else {
                throw Diagnostic("expected at least one event type in `order`", at: node.location)
            }
            return EventTypePattern(elements: elements)
        default:
            throw Diagnostic(
                "expected `order` to be a pattern such as \"a, b*, c|d\" or a list of elements, found \(node.kindName)",
                at: node.location)
        }
    }

    /// `true`, `false`, or `{"path": "sequence_number", "consecutive": bool, "required": bool}`.
    static func decodeSequence(_ node: JSONNode) throws(Diagnostic) -> SequenceRule? {
        switch node.kind {
        case .null, .bool(false):
            return nil
        case .bool(true):
            return SequenceRule()
        case .object:
            var reader = try NodeReader(node, context: "`sequence`")
            reader.allow("path", "consecutive", "required")
            try reader.finish()
            var rule = SequenceRule()
            if let path = try reader.string("path") {
                rule.path = try StreamFieldPath(parsing: path, at: reader.member("path")?.location)
            }
            rule.consecutive = try reader.bool("consecutive") ?? false
            rule.requiredOnEveryEvent = try reader.bool("required") ?? true
            return rule
        default:
            throw Diagnostic(
                "expected `sequence` to be true/false or {\"path\", \"consecutive\", \"required\"}, found \(node.kindName)",
                at: node.location)
        }
    }

    /// `true`, `false`, or `{"events": [types], "member": "error"}`.
    static func decodeErrorFrames(_ node: JSONNode) throws(Diagnostic) -> ErrorFrameRule? {
        switch node.kind {
        case .null, .bool(false):
            return nil
        case .bool(true):
            return ErrorFrameRule()
        case .object:
            var reader = try NodeReader(node, context: "`errorFrames`")
            reader.allow("events", "member")
            try reader.finish()
            var rule = ErrorFrameRule()
            if reader.has("events") { rule.eventTypes = Set(try reader.strings("events")) }
            if let member = try reader.string("member") { rule.member = member }
            return rule
        default:
            throw Diagnostic(
                "expected `errorFrames` to be true/false or {\"events\", \"member\"}, found \(node.kindName)",
                at: node.location)
        }
    }
}

extension StreamExpectation: OptionBlock {
    static let context = "stream"
    static var keys: [String] { SuiteDecoder.streamKeys }

    static func decodeOptions(_ reader: NodeReader, into spec: inout StreamExpectation) throws(Diagnostic) {
        if reader.has("preset") {
            let preset = try reader.choice("preset", as: StreamPreset.self)
            let location = spec.location
            spec = preset?.expectation ?? StreamExpectation()
            spec.preset = preset
            spec.location = location
        }
        let preset = spec.preset
        if let heartbeat = reader.member("heartbeat") {
            spec.heartbeat = try SuiteDecoder.decodeHeartbeat(heartbeat)
        }
        try SuiteDecoder.decodeStreamClocks(reader, into: &spec)
        if let terminator = reader.member("terminator") {
            spec.terminator = try SuiteDecoder.decodeTerminator(terminator, preset: preset)
            spec.ruleLocations[.terminator] = terminator.location
            spec.ruleLocations[.afterTerminator] = terminator.location
        }
        if let grace = try reader.milliseconds("terminatorGrace") { spec.terminatorGrace = .milliseconds(grace) }
        if let order = reader.member("order") {
            spec.order = try SuiteDecoder.decodeOrder(order)
            spec.ruleLocations[.eventOrder] = order.location
        }
        if let sequence = reader.member("sequence") {
            spec.sequence = try SuiteDecoder.decodeSequence(sequence)
            spec.ruleLocations[.sequenceNumber] = sequence.location
        }
        if let errorFrames = reader.member("errorFrames") {
            spec.errorFrames = try SuiteDecoder.decodeErrorFrames(errorFrames)
            spec.ruleLocations[.errorFrame] = errorFrames.location
        }
        if let expectError = reader.member("expectError") {
            spec.expectedError = try SuiteDecoder.decodeExpectedError(expectError)
            spec.ruleLocations[.errorSignal] = expectError.location
        }
        if let jsonData = try reader.bool("jsonData") {
            spec.jsonData = jsonData
            spec.ruleLocations[.jsonData] = reader.member("jsonData")?.location
        }
        let eventsCompare = try reader.choice("eventsCompare", as: CompareMode.self) ?? .subset
        if let events = reader.member("events") {
            spec.events = try SuiteDecoder.decodeEventChecks(events, defaultCompare: eventsCompare)
            spec.ruleLocations[.eventMatch] = events.location
        }
        if let reassemble = try reader.reader("reassemble", context: "`reassemble`") {
            try SuiteDecoder.decodeReassembly(reassemble, preset: preset, into: &spec)
        }
    }
}
