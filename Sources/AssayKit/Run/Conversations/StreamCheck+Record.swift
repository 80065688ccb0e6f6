import Foundation

/// What reports keep of a stream: the timeline and clocks (`StreamRecord`), and a bounded prefix
/// of the raw body in place of the body the transport did not keep.
extension StreamCheck {
    /// The stream's record for reports, once `results` ran.
    var record: StreamRecord? {
        evaluation.map {
            var record = StreamRecord(summary: $0.summary)
            // The ceilings travel with the measurements, so the timeline can draw both.
            record.maxEventGapCeilingMs = spec.maxEventGap.map(StreamTime.milliseconds)
            record.maxHeartbeatGapCeilingMs = spec.maxHeartbeatGap.map(StreamTime.milliseconds)
            return record
        }
    }

    /// Fills the streamed exchange's record: the stream record, and the body prefix (redacted) with
    /// the true byte count, since the transport kept no body.
    func complete(_ record: inout ExchangeRecord, redactor: Redactor, detail: ExchangeRecord.Detail) {
        let keepBodies = detail.keepsBodies
        record.stream = self.record
        guard record.response != nil else { return }
        let prefix = observedBodyPrefix
        record.response?.bodyBytes = observedByteCount
        record.response?.bodyTruncated = keepBodies && observedByteCount > prefix.count
        record.response?.body = keepBodies ? redactor.redact(String(decoding: prefix, as: UTF8.self)) : nil
    }

    /// Records of the requests sent besides the streamed one (the non-streamed comparison).
    func extraRecords(redactor: Redactor, detail: ExchangeRecord.Detail) -> [ExchangeRecord] {
        extraExchanges.map { ExchangeRecord($0, redactor: redactor, detail: detail) }
    }
}

extension StreamRecord {
    /// Items kept from each end of a long stream's timeline (see `events`).
    static let keptEvents = 500

    /// A record of an evaluated stream (its summary is already redacted).
    init(summary: StreamSummary) {
        let entries = summary.entries
        let omitted = max(0, entries.count - 2 * Self.keptEvents)
        let kept = omitted > 0 ? Array(entries.prefix(Self.keptEvents) + entries.suffix(Self.keptEvents)) : entries
        self.init(
            events: kept.map {
                Event(offsetMs: $0.offsetMs, type: $0.type, heartbeat: $0.isHeartbeat, kind: $0.kind.rawValue)
            },
            timeToFirstEventMs: summary.timeToFirstEvent.map(StreamTime.milliseconds),
            maxHeartbeatGapMs: summary.maxHeartbeatGap.map(StreamTime.milliseconds),
            maxEventGapMs: summary.maxEventGap.map(StreamTime.milliseconds), terminatorSeen: summary.terminator != nil)
        timeToHeadMs = summary.timeToHead.map(StreamTime.milliseconds)
        timeToFirstByteMs = summary.timeToFirstByte.map(StreamTime.milliseconds)
        totalMs = StreamTime.milliseconds(summary.total)
        byteCount = summary.byteCount
        eventCount = summary.eventCount
        realEventCount = summary.realEventCount
        heartbeatCount = summary.heartbeatCount
        terminator = summary.terminator
        eventsOmitted = omitted > 0 ? omitted : nil
        endReason = summary.endReason?.description
        let text = summary.reassembledText
        reassembledText = text.count > ExchangeRecord.bodyLimit ? String(text.prefix(ExchangeRecord.bodyLimit)) : text
    }
}
