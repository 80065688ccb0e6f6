/// An incremental parser for `text/event-stream` bodies, following the WHATWG HTML
/// "event stream interpretation" rules. Bytes may arrive split anywhere (inside a UTF-8
/// sequence, between CR and LF, inside the BOM); the items come out the same.
///
/// Pure: the caller supplies each chunk's arrival instant, so timing is testable without a clock.
public struct SSEParser: Sendable {
    /// The UTF-8 byte order mark, stripped once at the very start of the stream.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let colon: UInt8 = 0x3A
    static let space: UInt8 = 0x20

    /// The default cap on one line and on one event's data: 1 MiB.
    public static let defaultLimit = 1 << 20

    /// Lines longer than this are skipped with a `.limitExceeded` item.
    public let maxLineBytes: Int
    /// Events whose data grows past this are skipped with a `.limitExceeded` item.
    public let maxEventBytes: Int
    /// The last event id buffer; it persists across events until an `id:` field changes it.
    public private(set) var lastEventID: String?
    /// The reconnection time (ms) from the latest all-digits `retry:` field.
    public private(set) var reconnectionTime: Int?

    private var line: [UInt8] = []
    /// True while skipping the rest of a line that passed `maxLineBytes`.
    private var skippingLine = false
    /// True right after a CR, so an LF that follows (even in the next chunk) is not a second line end.
    private var afterCarriageReturn = false
    /// Bytes held at the start of the stream while they may still be a split BOM.
    private var bomCandidate: [UInt8] = []
    private var bomResolved = false
    private var data = ""
    private var dataBytes = 0
    private var eventType = ""
    /// True while skipping the rest of an event whose data passed `maxEventBytes`.
    private var skippingEvent = false

    /// Creates a parser with the given size limits (1 MiB each by default).
    public init(maxLineBytes: Int = SSEParser.defaultLimit, maxEventBytes: Int = SSEParser.defaultLimit) {
        self.maxLineBytes = max(1, maxLineBytes)
        self.maxEventBytes = max(1, maxEventBytes)
    }

    /// Parses one chunk that arrived at `instant`, returning the items it completed.
    public mutating func feed(_ bytes: some Collection<UInt8>, at instant: ContinuousClock.Instant) -> [SSEItem] {
        var items: [SSEItem] = []
        for byte in bytes { consume(byte, at: instant, into: &items) }
        return items
    }

    /// Ends the stream at `instant`. An event without its terminating blank line is discarded,
    /// as the spec says, and reported as `.discarded` because truncation is a finding.
    public mutating func finish(at instant: ContinuousClock.Instant) -> [SSEItem] {
        var items: [SSEItem] = []
        if !bomResolved { resolveBOM(at: instant, into: &items) }
        let partial = skippingLine ? 0 : line.count
        if !skippingEvent, partial > 0 || !data.isEmpty || !eventType.isEmpty {
            let pendingData = data.hasSuffix("\n") ? String(data.dropLast()) : data
            let discard = SSEDiscard(
                type: eventType.isEmpty ? "message" : eventType, data: pendingData, partialLineBytes: partial,
                at: instant)
            items.append(.discarded(discard))
        }
        line.removeAll()
        skippingLine = false
        afterCarriageReturn = false
        resetEvent()
        return items
    }

    private mutating func consume(_ byte: UInt8, at instant: ContinuousClock.Instant, into items: inout [SSEItem]) {
        guard bomResolved else {
            bomCandidate.append(byte)
            if Self.byteOrderMark.starts(with: bomCandidate) {
                if bomCandidate.count == Self.byteOrderMark.count {
                    bomCandidate.removeAll()
                    bomResolved = true
                }
            } else {
                resolveBOM(at: instant, into: &items)
            }
            return
        }
        consumeBody(byte, at: instant, into: &items)
    }

    /// Gives up on a BOM: the held bytes were ordinary content after all.
    private mutating func resolveBOM(at instant: ContinuousClock.Instant, into items: inout [SSEItem]) {
        bomResolved = true
        let held = bomCandidate
        bomCandidate.removeAll()
        for byte in held { consumeBody(byte, at: instant, into: &items) }
    }

    private mutating func consumeBody(_ byte: UInt8, at instant: ContinuousClock.Instant, into items: inout [SSEItem]) {
        if afterCarriageReturn {
            afterCarriageReturn = false
            if byte == Self.lineFeed { return }
        }
        switch byte {
        case Self.carriageReturn:
            afterCarriageReturn = true
            endLine(at: instant, into: &items)
        case Self.lineFeed:
            endLine(at: instant, into: &items)
        default:
            guard !skippingLine else { return }
            if line.count >= maxLineBytes {
                items.append(.limitExceeded(SSELimitError(kind: .line, limit: maxLineBytes, at: instant)))
                // A cut data line would corrupt its event silently, so the whole event goes;
                // an over-long comment harms nothing else.
                if line.first != Self.colon { abandonEvent() }
                line.removeAll()
                skippingLine = true
            } else {
                line.append(byte)
            }
        }
    }

    private mutating func endLine(at instant: ContinuousClock.Instant, into items: inout [SSEItem]) {
        if skippingLine {
            skippingLine = false
            return
        }
        if line.isEmpty {
            dispatch(at: instant, into: &items)
        } else {
            process(line: line, at: instant, into: &items)
            line.removeAll(keepingCapacity: true)
        }
    }

    private mutating func process(line: [UInt8], at instant: ContinuousClock.Instant, into items: inout [SSEItem]) {
        if line.first == Self.colon {
            items.append(.comment(Self.decode(Self.droppingOneSpace(line.dropFirst())), at: instant))
            return
        }
        let name: ArraySlice<UInt8>
        let value: String
        if let colonIndex = line.firstIndex(of: Self.colon) {
            name = line[..<colonIndex]
            value = Self.decode(Self.droppingOneSpace(line[(colonIndex + 1)...]))
        } else {
            name = line[...]
            value = ""
        }
        // Field names are compared as bytes: case-sensitive, and no decoding needed.
        switch Array(name) {
        case Array("event".utf8):
            eventType = value
        case Array("data".utf8):
            appendData(value, at: instant, into: &items)
        case Array("id".utf8):
            if !value.contains("\0") { lastEventID = value }
        case Array("retry".utf8):
            if !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let time = Int(value) {
                reconnectionTime = time
            }
        default:
            break
        }
    }

    private mutating func appendData(_ value: String, at instant: ContinuousClock.Instant, into items: inout [SSEItem])
    {
        guard !skippingEvent else { return }
        let added = value.utf8.count + 1
        if dataBytes + added > maxEventBytes {
            items.append(.limitExceeded(SSELimitError(kind: .event, limit: maxEventBytes, at: instant)))
            abandonEvent()
            return
        }
        data += value
        data += "\n"
        dataBytes += added
    }

    private mutating func dispatch(at instant: ContinuousClock.Instant, into items: inout [SSEItem]) {
        defer { resetEvent() }
        guard !skippingEvent, !data.isEmpty else { return }
        let event = SSEEvent(
            type: eventType.isEmpty ? "message" : eventType, data: String(data.dropLast()), id: lastEventID,
            retry: reconnectionTime, at: instant)
        items.append(.event(event))
    }

    private mutating func abandonEvent() {
        data = ""
        dataBytes = 0
        skippingEvent = true
    }

    private mutating func resetEvent() {
        data = ""
        dataBytes = 0
        eventType = ""
        skippingEvent = false
    }

    private static func droppingOneSpace(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        bytes.first == space ? bytes.dropFirst() : bytes
    }

    /// UTF-8 per line; invalid sequences become U+FFFD rather than failing the stream.
    private static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
