import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// `TransferCancellation` against a real target that never answers: a cancelled run ends the
/// transfers in flight on a transfer loop and on a client at once (with a 60 s timeout set,
/// each ends as `cancelled`, not `timeout`), starts none, and ends a conversation's wait.
@Suite struct TransferCancellationTests {
    static func silentTarget() throws -> LoopbackServer {
        try LoopbackServer(script: [.readRequest, .readBytes(1 << 30)])
    }

    static var patient: TransportOptions {
        var options = TransportOptions()
        options.totalTimeout = .seconds(60)
        return options
    }

    /// Cancels `cancellation` once `server` holds `count` requests, from another thread.
    static func cancel(_ cancellation: TransferCancellation, after count: Int, on server: LoopbackServer) {
        Thread.detachNewThread {
            let deadline = Date().addingTimeInterval(30)
            while server.requests.count < count, Date() < deadline { usleep(2_000) }
            cancellation.cancel()
        }
    }

    /// Three transfers waiting on a silent target end as cancelled when the run is cancelled
    /// during the loop's poll; a transfer started afterwards never reaches the network.
    @Test func loopEndsEveryTransferInFlight() throws {
        let server = try Self.silentTarget()
        defer { server.stop() }
        let cancellation = TransferCancellation()
        let loop = try #require(TransferLoop(connections: 4, cancellation: cancellation))
        var failures: [TransportFailure.Kind?] = []
        for index in 0..<3 {
            loop.start(HTTPRequest(url: "\(server.baseURL)/\(index)"), options: Self.patient) {
                failures.append($0.failure?.kind)
            }
        }
        Self.cancel(cancellation, after: 3, on: server)
        // Each poll waits up to 60 s: only the cancellation's wake-up can end them early.
        for _ in 0..<10 where loop.pending > 0 { loop.poll(timeout: .seconds(60)) }
        #expect(failures == [.cancelled, .cancelled, .cancelled])
        var late: Exchange?
        loop.start(HTTPRequest(url: "\(server.baseURL)/late"), options: Self.patient) { late = $0 }
        loop.poll(timeout: .seconds(60))
        #expect(late?.failure?.kind == .cancelled)
        #expect(server.requests.count == 3)
    }

    /// A client blocked on a silent target returns as cancelled once the run is cancelled, and
    /// sends nothing afterwards.
    @Test func clientEndsItsTransfer() throws {
        let server = try Self.silentTarget()
        defer { server.stop() }
        let cancellation = TransferCancellation()
        let client = try #require(CurlClient(cancellation: cancellation))
        Self.cancel(cancellation, after: 1, on: server)
        let exchange = client.perform(HTTPRequest(url: "\(server.baseURL)/stuck"), options: Self.patient)
        #expect(exchange.failure?.kind == .cancelled)
        #expect(exchange.response == nil)
        let after = client.perform(HTTPRequest(url: "\(server.baseURL)/after"), options: Self.patient)
        #expect(after.failure?.kind == .cancelled)
        #expect(server.requests.count == 1)
    }

    /// A conversation's wait (a cool-down or a TTL) ends when the run is cancelled; uncancelled,
    /// it lasts its time.
    @Test func conversationWaitEndsOnCancel() {
        let cancellation = TransferCancellation()
        #expect(cancellation.wait(milliseconds: 1))
        Thread.detachNewThread { cancellation.cancel() }
        // An hour: only the cancellation can end it.
        #expect(!cancellation.wait(milliseconds: 3_600_000))
        #expect(cancellation.isCancelled)
    }
}
