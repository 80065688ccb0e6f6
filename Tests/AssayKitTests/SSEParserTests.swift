import Testing

@testable import AssayKit

/// Parses a whole body in one chunk at `t0` and finishes it at the same instant.
private func parseAll(_ text: String, at instant: ContinuousClock.Instant = SSETestClock.t0) -> [SSEItem] {
    parseAll(Array(text.utf8), at: instant)
}

private func parseAll(_ bytes: [UInt8], at instant: ContinuousClock.Instant = SSETestClock.t0) -> [SSEItem] {
    var parser = SSEParser()
    return parser.feed(bytes, at: instant) + parser.finish(at: instant)
}

private func events(_ items: [SSEItem]) -> [SSEEvent] { items.compactMap(\.event) }

/// A body that exercises every rule at once: BOM, LF/CR/CRLF endings, comments, multi-line
/// data, named events, ids, retry, unknown fields, no-colon lines and multi-byte UTF-8.
private let mixedSample: [UInt8] =
    SSEParser.byteOrderMark
    + Array(
        (": ping\r\n\r\n" + "data: {\"a\":1}\n\n" + "event: response.created\rdata: line one\rdata:line two\r\r"
            + "id: 7\r\nretry: 1500\r\ndata: caf\u{E9} \u{1F600}\r\n\r\n" + "data\n\n"
            + "foo: bar\ndata:  two spaces\n\n"
            + "event: ping\ndata: {}\n\n" + "data: [DONE]\n\n").utf8)

@Suite("SSEParser")
struct SSEParserTests {
    /// Proves a realistic chat-completions body yields each data frame as a `message` event, ending with `[DONE]`.
    @Test func parsesChatCompletionsFrames() {
        let body = SSEFixtures.chatStream(deltas: ["Hel", "lo"]).joined()
        let parsed = events(parseAll(body))
        #expect(parsed.count == 5)
        #expect(parsed.allSatisfy { $0.type == "message" })
        #expect(parsed.last?.data == "[DONE]")
        #expect(parsed[1].data.contains("\"content\":\"Hel\""))
    }

    /// Proves that feeding the mixed sample one byte at a time gives exactly the items of a single feed.
    @Test func byteByByteFeedMatchesWholeFeed() {
        let whole = parseAll(mixedSample)
        var parser = SSEParser()
        var items: [SSEItem] = []
        for byte in mixedSample { items += parser.feed([byte], at: SSETestClock.t0) }
        items += parser.finish(at: SSETestClock.t0)
        #expect(items == whole)
        #expect(events(whole).count == 7)
    }

    /// Proves that every two-chunk split of the mixed sample (including CR|LF and mid-BOM, mid-UTF-8 splits) gives identical items.
    @Test func everyTwoChunkSplitMatchesWholeFeed() {
        let whole = parseAll(mixedSample)
        for split in 0...mixedSample.count {
            var parser = SSEParser()
            var items = parser.feed(mixedSample[..<split], at: SSETestClock.t0)
            items += parser.feed(mixedSample[split...], at: SSETestClock.t0)
            items += parser.finish(at: SSETestClock.t0)
            #expect(items == whole, "split at byte \(split)")
        }
    }

    /// Proves the mixed sample's events carry exactly the spec's field semantics.
    @Test func mixedSampleFieldSemantics() {
        let parsed = events(parseAll(mixedSample))
        #expect(
            parsed.map(\.type) == ["message", "response.created", "message", "message", "message", "ping", "message"])
        #expect(parsed[0].data == "{\"a\":1}")
        #expect(parsed[1].data == "line one\nline two")
        #expect(parsed[2].data == "caf\u{E9} \u{1F600}")
        #expect(parsed[2].id == "7")
        #expect(parsed[2].retry == 1500)
        #expect(parsed[3].data == "")
        #expect(parsed[3].id == "7")
        #expect(parsed[4].data == " two spaces")
        #expect(parsed[5].data == "{}")
        #expect(parsed[6].data == "[DONE]")
    }

    /// Proves a CR ending one chunk and an LF starting the next form one line end, not an extra blank line.
    @Test func crAtChunkEndThenLfIsOneLineEnd() {
        var parser = SSEParser()
        var items = parser.feed(Array("data: a\r".utf8), at: SSETestClock.t0)
        items += parser.feed(Array("\ndata: b\r\n\r\n".utf8), at: SSETestClock.at(ms: 5))
        #expect(events(items).map(\.data) == ["a\nb"])
        #expect(events(items).first?.at == SSETestClock.at(ms: 5))
    }

    /// Proves a lone CR, a lone LF and CRLF each end a line and two in a row dispatch.
    @Test func allThreeLineEndingsDispatch() {
        #expect(events(parseAll("data: x\r\r")).map(\.data) == ["x"])
        #expect(events(parseAll("data: x\n\n")).map(\.data) == ["x"])
        #expect(events(parseAll("data: x\r\n\r\n")).map(\.data) == ["x"])
        #expect(events(parseAll("data: x\n\r\n")).map(\.data) == ["x"])
    }

    /// Proves one leading BOM is stripped even when split over three chunks, and a second BOM is not.
    @Test func leadingBOMStrippedOnce() {
        var parser = SSEParser()
        var items: [SSEItem] = []
        for byte in SSEParser.byteOrderMark { items += parser.feed([byte], at: SSETestClock.t0) }
        items += parser.feed(Array("data: x\n\n".utf8), at: SSETestClock.t0)
        #expect(events(items).map(\.data) == ["x"])
        // The second BOM makes the field name "\u{FEFF}data", an unknown field, so nothing dispatches.
        let doubled = SSEParser.byteOrderMark + SSEParser.byteOrderMark + Array("data: x\n\n".utf8)
        #expect(events(parseAll(doubled)).isEmpty)
    }

    /// Proves bytes that only begin like a BOM are kept as content (decoded to U+FFFD), not dropped.
    @Test func partialBOMIsContent() {
        let bytes: [UInt8] = [0xEF, 0xBB] + Array(":x\n\ndata: y\n\n".utf8)
        let items = parseAll(bytes)
        // The held bytes join the first line, so it is no longer a comment but an unknown field, ignored.
        #expect(events(items).map(\.data) == ["y"])
        #expect(!items.contains { if case .comment = $0 { true } else { false } })
        #expect(
            parseAll([0xEF, 0xBB]) == [
                .discarded(SSEDiscard(type: "message", data: "", partialLineBytes: 2, at: SSETestClock.t0))
            ])
    }

    /// Proves an event without its blank line is discarded at the end and reported, with what was lost.
    @Test func unterminatedFinalEventIsReported() {
        let items = parseAll("data: {\"a\":1}\n\ndata: partial\nevent: x\n")
        #expect(events(items).count == 1)
        #expect(
            items.last == .discarded(SSEDiscard(type: "x", data: "partial", partialLineBytes: 0, at: SSETestClock.t0)))
        let cut = parseAll("data: [DONE]")
        #expect(cut == [.discarded(SSEDiscard(type: "message", data: "", partialLineBytes: 12, at: SSETestClock.t0))])
        #expect(parseAll("data: a\n\n").allSatisfy { $0.event != nil })
    }

    /// Proves comments are reported with their text (one leading space dropped) and never dispatch an event.
    @Test func commentsAreItemsNotEvents() {
        let items = parseAll(": ping - 2025-01-01 00:00:00\r\n\r\n:keep-alive\n\n:\n\n")
        #expect(
            items == [
                .comment("ping - 2025-01-01 00:00:00", at: SSETestClock.t0),
                .comment("keep-alive", at: SSETestClock.t0),
                .comment("", at: SSETestClock.t0),
            ])
    }

    /// Proves a comment between data lines does not split the event.
    @Test func commentInsideEventKeepsEventWhole() {
        #expect(events(parseAll("data: a\n: note\ndata: b\n\n")).map(\.data) == ["a\nb"])
    }

    /// Proves `event:` sets the type, an empty one means `message`, and names are case-sensitive.
    @Test func eventTypeRules() {
        #expect(events(parseAll("event: ping\ndata: 1\n\n")).map(\.type) == ["ping"])
        #expect(events(parseAll("event:\ndata: 1\n\n")).map(\.type) == ["message"])
        #expect(events(parseAll("Event: ping\ndata: 1\n\n")).map(\.type) == ["message"])
        #expect(events(parseAll("DATA: 1\n\n")).isEmpty)
        #expect(events(parseAll("event: a\ndata: 1\n\ndata: 2\n\n")).map(\.type) == ["a", "message"])
    }

    /// Proves a block with a type but no data dispatches nothing, and a bare `data` line dispatches empty data.
    @Test func emptyDataBufferDispatchesNothing() {
        #expect(events(parseAll("event: x\n\n")).isEmpty)
        #expect(events(parseAll("data\n\n")).map(\.data) == [""])
        #expect(events(parseAll("data:\ndata:\n\n")).map(\.data) == ["\n"])
    }

    /// Proves ids persist across events, an id containing NUL is ignored, and a bare `id` clears it.
    @Test func idSemantics() {
        let parsed = events(parseAll("id: 1\ndata: a\n\ndata: b\n\nid: 2\u{0}x\ndata: c\n\nid\ndata: d\n\n"))
        #expect(parsed.map(\.id) == ["1", "1", "1", ""])
    }

    /// Proves `retry` is taken only when all ASCII digits, and persists once set.
    @Test func retrySemantics() {
        let parsed = events(
            parseAll("retry: 10a\ndata: a\n\nretry: 3000\ndata: b\n\nretry:  5\ndata: c\n\nretry: -1\ndata: d\n\n"))
        #expect(parsed.map(\.retry) == [nil, 3000, 3000, 3000])
    }

    /// Proves invalid UTF-8 in a line becomes U+FFFD instead of failing the stream.
    @Test func invalidUTF8BecomesReplacement() {
        let bytes = Array("data: a".utf8) + [0xFF, 0xC3] + Array("b\n\n".utf8)
        #expect(events(parseAll(bytes)).map(\.data) == ["a\u{FFFD}\u{FFFD}b"])
    }

    /// Proves an over-long line is skipped with a clean error item, its event is dropped, and parsing resumes.
    @Test func lineLimitSkipsLineAndEvent() {
        var parser = SSEParser(maxLineBytes: 16, maxEventBytes: 64)
        let body = "data: " + String(repeating: "x", count: 40) + "\n\ndata: ok\n\n"
        let items = parser.feed(Array(body.utf8), at: SSETestClock.t0) + parser.finish(at: SSETestClock.t0)
        #expect(
            items == [
                .limitExceeded(SSELimitError(kind: .line, limit: 16, at: SSETestClock.t0)),
                .event(SSEEvent(data: "ok", at: SSETestClock.t0)),
            ])
    }

    /// Proves data accumulated past the event limit drops that event with an error item and later events survive.
    @Test func eventLimitSkipsEvent() {
        var parser = SSEParser(maxLineBytes: 64, maxEventBytes: 20)
        let body = "data: 0123456789\ndata: 0123456789\ndata: more\n\ndata: ok\n\n"
        let items = parser.feed(Array(body.utf8), at: SSETestClock.t0) + parser.finish(at: SSETestClock.t0)
        #expect(
            items == [
                .limitExceeded(SSELimitError(kind: .event, limit: 20, at: SSETestClock.t0)),
                .event(SSEEvent(data: "ok", at: SSETestClock.t0)),
            ])
    }

    /// Proves each event is stamped with the arrival instant of the chunk that completed it.
    @Test func eventsCarryDispatchInstant() {
        var parser = SSEParser()
        var items = parser.feed(Array("data: a\n".utf8), at: SSETestClock.at(ms: 10))
        items += parser.feed(Array("\n: hb\n".utf8), at: SSETestClock.at(ms: 20))
        #expect(items.map(\.at) == [SSETestClock.at(ms: 20), SSETestClock.at(ms: 20)])
    }
}
