import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// Records what a transfer reports while it streams, and stops it on demand.
private final class RecordingObserver: TransferObserver {
    var events: [String] = []
    var headAt: ContinuousClock.Instant?
    var chunks: [(bytes: Data, at: ContinuousClock.Instant)] = []
    var ticks = 0
    /// Stop once this many body bytes arrived.
    var stopAfterBytes: Int?
    /// Stop on the first tick at or after this instant.
    var stopAt: ContinuousClock.Instant?
    var keepsBody = true

    func didReceiveHead(status: Int, headers: HTTPHeaders, at instant: ContinuousClock.Instant) {
        events.append("head \(status)")
        headAt = instant
    }

    func didReceive(_ bytes: UnsafeRawBufferPointer, at instant: ContinuousClock.Instant) -> TransferDecision {
        events.append("chunk")
        chunks.append((Data(bytes), instant))
        let total = chunks.reduce(0) { $0 + $1.bytes.count }
        return stopAfterBytes.map { total >= $0 } == true ? .stop : .proceed
    }

    func tick(at instant: ContinuousClock.Instant) -> TransferDecision {
        ticks += 1
        return stopAt.map { instant >= $0 } == true ? .stop : .proceed
    }

    var received: Data { chunks.reduce(into: Data()) { $0.append($1.bytes) } }
}

/// Streaming: observers see the head, then chunks as they arrive, and can end a transfer cleanly.
@Suite struct TransportStreamingTests {
    private static let chunkedHead = Data("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)

    /// Chunks reach the observer as the server sends them: a 300 ms pause shows between their timestamps.
    @Test func chunksArriveAsSent() throws {
        let server = try LoopbackServer(script: [
            .readRequest, .write(Self.chunkedHead), .write(LoopbackServer.chunk("first")),
            .sleep(milliseconds: 300), .write(LoopbackServer.chunk("second")), .write("0\r\n\r\n"),
        ])
        let client = try #require(CurlClient())
        let observer = RecordingObserver()
        let exchange = client.perform(HTTPRequest(url: server.baseURL), observer: observer)
        #expect(exchange.failure == nil)
        #expect(observer.events == ["head 200", "chunk", "chunk"])
        #expect(observer.chunks.map(\.bytes) == [Data("first".utf8), Data("second".utf8)])
        let head = try #require(observer.headAt)
        let gap = observer.chunks[1].at - observer.chunks[0].at
        // Wide margin: the server paused 300 ms; only a batched delivery would make this under 150 ms.
        #expect(gap > .milliseconds(150))
        #expect(head <= observer.chunks[0].at)
        #expect(exchange.headReceivedAt == head)
        #expect(exchange.firstBodyByteAt == observer.chunks[0].at)
        #expect(exchange.lastBodyByteAt == observer.chunks[1].at)
        // Streamed bytes are also kept in the response body by default.
        #expect(exchange.response?.body == Data("firstsecond".utf8))
    }

    /// `.stop` from `didReceive` ends an endless body promptly, is not a failure, and the client stays usable.
    @Test func stopEndsEndlessBody() throws {
        let server = try LoopbackServer(scripts: [
            [
                .readRequest, .write(Self.chunkedHead),
                .repeatWrite(LoopbackServer.chunk("tick\n"), intervalMilliseconds: 10, count: nil),
            ],
            [.readRequest, .write(LoopbackServer.response(body: "after"))],
        ])
        let client = try #require(CurlClient())
        let observer = RecordingObserver()
        observer.stopAfterBytes = 15
        let exchange = client.perform(HTTPRequest(url: server.baseURL), observer: observer)
        #expect(exchange.stoppedByObserver)
        #expect(exchange.failure == nil)
        #expect(exchange.response?.status == 200)
        #expect(observer.received.count >= 15)
        #expect(exchange.response?.body == observer.received)
        // Generous ceiling: without the stop this transfer would run until the 30 s timeout.
        #expect(exchange.finishedAt - exchange.startInstant < .seconds(5))

        let next = client.perform(HTTPRequest(url: server.baseURL))
        #expect(next.failure == nil)
        #expect(next.response?.body == Data("after".utf8))
    }

    /// `.stop` from `tick` ends a transfer whose server went silent after the head; ticks
    /// keep coming while idle, well more often than libcurl's once-a-second progress callback.
    @Test func tickStopsSilentTransfer() throws {
        let server = try LoopbackServer(script: [
            .readRequest, .write(Self.chunkedHead), .write(LoopbackServer.chunk("one")), .sleep(milliseconds: 4000),
        ])
        let client = try #require(CurlClient())
        let observer = RecordingObserver()
        observer.stopAt = ContinuousClock.now + .milliseconds(400)
        let exchange = client.perform(HTTPRequest(url: server.baseURL), observer: observer)
        #expect(exchange.stoppedByObserver)
        #expect(exchange.failure == nil)
        #expect(exchange.response?.body == Data("one".utf8))
        // At a 20 ms tick interval, 400 ms holds about 20 ticks; 5 is a margin that cannot flake.
        #expect(observer.ticks >= 5)
        // Generous ceiling: the server only closes after 4 s.
        #expect(exchange.finishedAt - exchange.startInstant < .milliseconds(3000))
    }

    /// An observer that does not keep the body still sees every byte, while the response body stays empty.
    @Test func observerCanDeclineBody() throws {
        let server = try LoopbackServer(script: [.readRequest, .write(LoopbackServer.response(body: "streamed"))])
        let client = try #require(CurlClient())
        let observer = RecordingObserver()
        observer.keepsBody = false
        let exchange = client.perform(HTTPRequest(url: server.baseURL), observer: observer)
        #expect(exchange.failure == nil)
        #expect(observer.received == Data("streamed".utf8))
        #expect(exchange.response?.body.isEmpty == true)
    }

    /// The body cap also bounds what an observer is given, and still classifies as `bodyTooLarge`.
    @Test func capAppliesWhileStreaming() throws {
        let server = try LoopbackServer(script: [
            .readRequest, .write(Self.chunkedHead),
            .repeatWrite(LoopbackServer.chunk(String(repeating: "s", count: 100)), intervalMilliseconds: 1, count: nil),
        ])
        let client = try #require(CurlClient())
        let observer = RecordingObserver()
        let exchange = client.perform(
            HTTPRequest(url: server.baseURL), options: TransportOptions(maxBodyBytes: 250), observer: observer)
        #expect(exchange.failure?.kind == .bodyTooLarge)
        #expect(!exchange.stoppedByObserver)
        #expect(observer.received.count == 250)
        #expect(exchange.response?.body.count == 250)
    }

    /// With `.http2` on plain http, libcurl opens with the HTTP/2 connection preface (prior knowledge).
    /// There is no h2 server on loopback, so this proves the option reaches the wire, not an h2 exchange.
    @Test func http2PriorKnowledgePreface() throws {
        let server = try LoopbackServer(script: [.readBytes(24), .close])
        let client = try #require(CurlClient())
        let exchange = client.perform(
            HTTPRequest(url: server.baseURL), options: TransportOptions(httpVersion: .http2))
        #expect(exchange.failure != nil)
        let preface = Data("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
        #expect(server.receivedBytes(connection: 0).prefix(preface.count) == preface)
    }

    /// With `.http1_1` the request line says HTTP/1.1.
    @Test func http11RequestLine() throws {
        let server = try LoopbackServer(script: [.readRequest, .write(LoopbackServer.response())])
        let client = try #require(CurlClient())
        _ = client.perform(HTTPRequest(url: server.baseURL), options: TransportOptions(httpVersion: .http1_1))
        #expect(server.requests.first?.rawHead.hasPrefix("GET / HTTP/1.1\r\n") == true)
    }
}
