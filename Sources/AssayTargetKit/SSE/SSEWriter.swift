import Foundation

/// Writes Server-Sent Events to a stream sink, one flushed write per event, and paces them.
public struct SSEWriter: Sendable {
    /// Where bytes go.
    public let sink: StreamSink
    /// Heartbeat period while pending; nil sends none.
    public let heartbeatMs: Int?

    /// Creates a writer.
    public init(sink: StreamSink, heartbeatMs: Int?) {
        self.sink = sink
        self.heartbeatMs = heartbeatMs
    }

    /// Writes `event: NAME` (when given) and one `data:` line, then the blank line.
    @discardableResult
    public func event(_ name: String?, data: String) -> Bool {
        var text = ""
        if let name { text += "event: \(name)\n" }
        text += "data: \(data)\n\n"
        return sink.write(Array(text.utf8))
    }

    /// Writes a `: text` comment, the heartbeat.
    @discardableResult
    public func comment(_ text: String) -> Bool {
        sink.write(Array(": \(text)\n\n".utf8))
    }

    /// Waits `ms` milliseconds while the answer is pending, sending `: ping` every heartbeat period.
    ///
    /// Returns false once the client is gone.
    public func pend(_ ms: Int) -> Bool {
        guard ms > 0 else { return true }
        let deadline = Date().addingTimeInterval(Double(ms) / 1000)
        guard let heartbeatMs else {
            Thread.sleep(until: deadline)
            return true
        }
        var next = Date().addingTimeInterval(Double(heartbeatMs) / 1000)
        while next < deadline {
            Thread.sleep(until: next)
            guard comment("ping") else { return false }
            next = next.addingTimeInterval(Double(heartbeatMs) / 1000)
        }
        Thread.sleep(until: deadline)
        return true
    }

    /// Sleeps between deltas without heartbeats.
    public func pause(_ ms: Int) {
        if ms > 0 { Thread.sleep(forTimeInterval: Double(ms) / 1000) }
    }
}
