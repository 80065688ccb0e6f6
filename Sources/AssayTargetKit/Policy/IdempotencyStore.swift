import Foundation

/// Remembers POST answers by (principal, Idempotency-Key) to replay them, per the IETF draft.
///
/// Same key and body after completion: the stored status, headers and body are replayed with
/// `Idempotent-Replayed: true`. Same key, other body: 422. Same key while the first is running: 409.
public final class IdempotencyStore: @unchecked Sendable {
    // @unchecked: `entries` is guarded by `lock`.
    private enum Entry {
        case inFlight(fingerprint: [UInt8], started: Double)
        case done(fingerprint: [UInt8], response: HTTPResponse, expires: Double)
    }

    private let ttl: Double
    private let clock: @Sendable () -> Double
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// Creates a store whose keys expire `ttl` seconds after the first answer completes.
    public init(ttl: Double, clock: @escaping @Sendable () -> Double) {
        self.ttl = ttl
        self.clock = clock
    }

    /// Runs `produce` under the request's Idempotency-Key, or replays, or refuses with 409/422.
    func run(
        _ context: RouteContext, faults: Set<Fault>, reject: (ErrorEnvelope) -> HTTPResponse,
        produce: () -> Reply
    ) -> Reply {
        let request = context.request
        guard request.method == "POST", !faults.contains(.idempotencyIgnored),
            !faults.contains(.deterministicNoReplay),
            let rawKey = request.header("Idempotency-Key")
        else { return produce() }
        let key = Self.unquote(rawKey)
        guard !key.isEmpty, key.count <= 255 else {
            return .full(
                reject(
                    ErrorEnvelope(
                        400, "Idempotency-Key must be 1 to 255 characters.", param: "Idempotency-Key",
                        code: "invalid_idempotency_key")))
        }
        let scope = faults.contains(.idempotencyNotScoped) ? "shared" : context.principal.key
        let slot = "\(scope)\u{0}\(request.path)\u{0}\(key)"
        let fingerprint = request.body
        let now = clock()
        let claim: Claim = lock.withLock {
            switch entries[slot] {
            case .done(let stored, let response, let expires) where expires > now:
                if stored != fingerprint && !faults.contains(.idempotencyIgnoresBody) { return .mismatch }
                return .replay(response)
            case .inFlight(let stored, _):
                if stored != fingerprint && !faults.contains(.idempotencyIgnoresBody) { return .mismatch }
                return faults.contains(.idempotencyInFlightServed) ? .bypass : .conflict
            default:
                entries[slot] = .inFlight(fingerprint: fingerprint, started: now)
                return .owner
            }
        }
        switch claim {
        case .mismatch:
            return .full(
                reject(
                    ErrorEnvelope(
                        422, "Idempotency-Key '\(key)' was already used with a different request body.",
                        param: "Idempotency-Key", code: "idempotency_key_reused")))
        case .conflict:
            return .full(
                reject(
                    ErrorEnvelope(
                        409, "A request with Idempotency-Key '\(key)' is still in progress; retry later.",
                        param: "Idempotency-Key", code: "idempotency_key_in_use")))
        case .bypass: return produce()
        case .replay(var response):
            if faults.contains(.replayRegenerates), case .full(let fresh) = produce() { response = fresh }
            if !faults.contains(.noReplayMarker) { response.headers.append(HTTPField("Idempotent-Replayed", "true")) }
            return .full(response)
        case .owner:
            return record(produce(), slot: slot, fingerprint: fingerprint)
        }
    }

    private enum Claim {
        case owner, replay(HTTPResponse), mismatch, conflict, bypass
    }

    /// Stores the answer once complete; a stream is captured as it is written.
    private func record(_ reply: Reply, slot: String, fingerprint: [UInt8]) -> Reply {
        switch reply {
        case .full(let response):
            finish(slot, fingerprint: fingerprint, response: response)
            return reply
        case .stream(let stream):
            var wrapped = stream
            wrapped.produce = { [self] sink in
                let recorder = RecordingSink(inner: sink)
                stream.produce(recorder)
                // A stream the client abandoned is incomplete: forget the key rather than replay a fragment.
                guard !recorder.failed else {
                    lock.withLock { entries[slot] = nil }
                    return
                }
                let response = HTTPResponse(status: stream.status, headers: stream.headers, body: recorder.bytes)
                finish(slot, fingerprint: fingerprint, response: response)
            }
            return .stream(wrapped)
        }
    }

    private func finish(_ slot: String, fingerprint: [UInt8], response: HTTPResponse) {
        let expires = clock() + ttl
        lock.withLock { entries[slot] = .done(fingerprint: fingerprint, response: response, expires: expires) }
    }

    /// Accepts both the Structured-Field string form `"abc"` and a bare token.
    static func unquote(_ raw: String) -> String {
        let text = raw.trimmed
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { return String(text.dropFirst().dropLast()) }
        return text
    }
}

/// Forwards writes and keeps a copy, so a finished stream can be replayed.
final class RecordingSink: StreamSink, @unchecked Sendable {
    // @unchecked: `storage` is guarded by `lock`; the stream writes from one thread anyway.
    private let inner: StreamSink
    private let lock = NSLock()
    private var storage: [UInt8] = []

    init(inner: StreamSink) { self.inner = inner }

    private var writeFailed = false

    var bytes: [UInt8] { lock.withLock { storage } }

    /// Whether any write reached a closed connection.
    var failed: Bool { lock.withLock { writeFailed } }

    func write(_ bytes: [UInt8]) -> Bool {
        lock.withLock { storage += bytes }
        let written = inner.write(bytes)
        if !written { lock.withLock { writeFailed = true } }
        return written
    }
}
