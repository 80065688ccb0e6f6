/// A rule of a stream expectation; the raw value is the suite's key for it, and findings name it.
public enum StreamRule: String, Sendable, Equatable, CaseIterable {
    case timeToHead = "time_to_head"
    case timeToFirstByte = "time_to_first_byte"
    case timeToFirstEvent = "time_to_first_event"
    case heartbeatGap = "heartbeat_gap"
    case eventGap = "event_gap"
    case deadline
    case terminator
    case afterTerminator = "after_terminator"
    case truncatedEvent = "truncated_event"
    case sizeLimit = "size_limit"
    case eventOrder = "event_order"
    case sequenceNumber = "sequence_number"
    case errorFrame = "error_frame"
    case errorSignal = "error_signal"
    case jsonData = "json_data"
    case eventMatch = "event_match"
}
