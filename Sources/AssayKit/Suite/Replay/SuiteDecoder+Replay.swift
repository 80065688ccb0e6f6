extension SuiteDecoder {
    /// A case's `replay` block: `true` for the defaults, or an object.
    static func decodeReplay(_ node: JSONNode?) throws(Diagnostic) -> ReplaySpec? {
        guard let node else { return nil }
        switch node.kind {
        case .bool(true): return ReplaySpec(location: node.location)
        case .bool(false): return nil
        default: break
        }
        var spec = ReplaySpec(location: node.location)
        try ReplaySpec.decode(node, into: &spec)
        return spec
    }
}

extension ReplaySpec: OptionBlock {
    static let context = "`replay` block"
    static let keys = [
        "header", "key", "quoted", "times", "volatile", "headers", "compare", "marker", "mismatch", "concurrent", "ttl",
    ]

    static func decodeOptions(_ reader: NodeReader, into spec: inout ReplaySpec) throws(Diagnostic) {
        if let header = try reader.string("header") {
            try HeaderName.validate(header, at: reader.member("header")?.location ?? reader.location)
            spec.header = header
        }
        if let key = try reader.string("key") {
            guard !key.isEmpty && key.count <= 255 else {
                throw Diagnostic(
                    "expected `key` to be 1 to 255 characters, found \(key.count)", at: reader.member("key")?.location)
            }
            spec.key = key
        }
        spec.quoted = try reader.bool("quoted") ?? spec.quoted
        spec.times = try reader.integer("times", in: 2...20) ?? spec.times
        if reader.has("volatile") {
            spec.volatile = []
            for text in try reader.strings("volatile") {
                spec.volatile.append(try JSONPointer(parsing: text, at: reader.member("volatile")?.location))
            }
        }
        if reader.has("headers") {
            spec.headers = try reader.strings("headers")
            for name in spec.headers {
                try HeaderName.validate(name, at: reader.member("headers")?.location ?? reader.location)
            }
        }
        spec.compare = try reader.choice("compare", as: ReplaySpec.BodyCompare.self) ?? spec.compare
        if let marker = reader.member("marker") { spec.marker = try SuiteDecoder.decodeMarker(marker) }
        if let mismatch = reader.member("mismatch") { spec.mismatch = try SuiteDecoder.decodeMismatch(mismatch) }
        if let node = reader.member("concurrent") {
            switch node.kind {
            case .bool(false): spec.concurrent = nil
            case .bool(true): spec.concurrent = 2
            default: spec.concurrent = try node.requireInteger("`concurrent`", in: 2...16)
            }
        }
        if let ttl = try reader.milliseconds("ttl") {
            guard (1...600_000).contains(ttl) else {
                throw Diagnostic(
                    "expected `ttl` to be between 1ms and 10m, found \(ttl) ms", at: reader.member("ttl")?.location)
            }
            spec.ttlMs = ttl
        }
    }
}

extension SuiteDecoder {
    /// `false` (off), `true` (`Idempotent-Replayed: true`) or `{"header", "value"}`.
    static func decodeMarker(_ node: JSONNode?) throws(Diagnostic) -> ReplaySpec.Marker? {
        guard let node else { return .standard }
        switch node.kind {
        case .bool(let on): return on ? .standard : nil
        default: break
        }
        var reader = try NodeReader(node, context: "`marker`")
        reader.allow("header", "value")
        try reader.finish()
        let header = try reader.string("header") ?? ReplaySpec.Marker.standard.header
        try HeaderName.validate(header, at: reader.member("header")?.location ?? node.location)
        return ReplaySpec.Marker(header: header, value: try reader.string("value") ?? "true")
    }

    /// `false` (off), `true` (422 with the OpenAI envelope) or `{"status", "envelope", "body"}`.
    static func decodeMismatch(_ node: JSONNode?) throws(Diagnostic) -> ReplaySpec.Mismatch? {
        guard let node else { return ReplaySpec.Mismatch() }
        switch node.kind {
        case .bool(let on): return on ? ReplaySpec.Mismatch() : nil
        default: break
        }
        var reader = try NodeReader(node, context: "`mismatch`")
        reader.allow("status", "envelope", "body")
        try reader.finish()
        var mismatch = ReplaySpec.Mismatch()
        if let status = reader.member("status") { mismatch.status = try decodeStatus(status) }
        mismatch.envelope = try reader.choice("envelope", as: ErrorEnvelope.self) ?? .openai
        mismatch.body = reader.member("body")?.value
        return mismatch
    }
}
