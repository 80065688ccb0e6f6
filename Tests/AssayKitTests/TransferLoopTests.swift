import AssayTestSupport
import CCurl
import Foundation
import Testing

@testable import AssayKit

/// `TransferLoop` against real servers on 127.0.0.1: many transfers in flight on one thread,
/// one connection cache, completions that start further transfers, and failures classified
/// per transfer without disturbing the others.
@Suite struct TransferLoopTests {
    /// Answers `/<name>` with `<name>` after a short pause, and remembers how many requests it
    /// held at once; the pause makes transfers the loop runs together overlap on the server.
    final class Echo: @unchecked Sendable {
        // @unchecked: every access goes through `lock`.
        private let lock = NSLock()
        private var holding = 0
        private(set) var mostAtOnce = 0

        func handle(_ request: LoopbackServer.RecordedRequest) -> Data {
            lock.withLock {
                holding += 1
                mostAtOnce = max(mostAtOnce, holding)
            }
            usleep(20_000)
            lock.withLock { holding -= 1 }
            return LoopbackServer.response(body: String(request.target.dropFirst()))
        }

        var concurrency: Int { lock.withLock { mostAtOnce } }
    }

    /// Polls until every transfer completed; gives up after `rounds` polls instead of hanging.
    static func drain(_ loop: TransferLoop, rounds: Int = 200) {
        for _ in 0..<rounds where loop.pending > 0 { loop.poll(timeout: .milliseconds(500)) }
    }

    /// Eight transfers started together are in flight at once and each gets its own answer.
    @Test func manyTransfersAtOnce() throws {
        let echo = Echo()
        let server = try LoopbackServer(script: [.serve { echo.handle($0) }])
        let loop = try #require(TransferLoop(connections: 8))
        var bodies: [String: String] = [:]
        for index in 0..<8 {
            loop.start(HTTPRequest(url: "\(server.baseURL)/r\(index)"), options: TransportOptions()) { exchange in
                bodies["r\(index)"] = exchange.response.map { String(decoding: $0.body, as: UTF8.self) }
            }
        }
        #expect(loop.pending == 8)
        Self.drain(loop)
        #expect(loop.pending == 0)
        #expect(bodies == Dictionary(uniqueKeysWithValues: (0..<8).map { ("r\($0)", "r\($0)") }))
        #expect(echo.concurrency > 1)
        #expect(server.connectionCount == 8)
    }

    /// A second round reuses the first round's connections: the cache belongs to the loop.
    @Test func connectionsAreReusedAcrossTransfers() throws {
        let echo = Echo()
        let server = try LoopbackServer(script: [.serve { echo.handle($0) }])
        let loop = try #require(TransferLoop(connections: 4))
        var reused: [Bool] = []
        for round in 0..<2 {
            for index in 0..<4 {
                loop.start(HTTPRequest(url: "\(server.baseURL)/\(round)-\(index)"), options: TransportOptions()) {
                    reused.append($0.connectionReused)
                }
            }
            Self.drain(loop)
        }
        #expect(reused == [false, false, false, false, true, true, true, true])
        #expect(server.connectionCount == 4)
    }

    /// A completion may start the next transfer, as a case's next step does.
    @Test func completionStartsTheNextTransfer() throws {
        let echo = Echo()
        let server = try LoopbackServer(script: [.serve { echo.handle($0) }])
        let loop = try #require(TransferLoop(connections: 1))
        var answers: [String] = []
        func send(_ step: Int) {
            loop.start(HTTPRequest(url: "\(server.baseURL)/step\(step)"), options: TransportOptions()) { exchange in
                answers.append(exchange.response.map { String(decoding: $0.body, as: UTF8.self) } ?? "none")
                if step < 3 { send(step + 1) }
            }
        }
        send(1)
        Self.drain(loop)
        #expect(answers == ["step1", "step2", "step3"])
        #expect(server.requests.map(\.target) == ["/step1", "/step2", "/step3"])
    }

    /// A refused connection, a silent server and an oversized body fail with their own kinds,
    /// while a healthy transfer in the same loop completes.
    @Test func failuresAreClassifiedPerTransfer() throws {
        let echo = Echo()
        let healthy = try LoopbackServer(script: [.serve { echo.handle($0) }])
        let silent = try LoopbackServer(script: [.readRequest, .sleep(milliseconds: 3000)])
        let large = try LoopbackServer(script: [
            .readRequest, .write(LoopbackServer.response(body: String(repeating: "y", count: 2000))),
        ])
        let closed = try LoopbackServer.unusedPort()
        let loop = try #require(TransferLoop(connections: 4))
        var outcomes: [String: TransportFailure.Kind?] = [:]
        let requests: [(String, String, TransportOptions)] = [
            ("healthy", healthy.baseURL + "/ok", TransportOptions()),
            ("refused", "http://127.0.0.1:\(closed)/", TransportOptions()),
            ("silent", silent.baseURL, TransportOptions(totalTimeout: .milliseconds(300))),
            ("large", large.baseURL, TransportOptions(maxBodyBytes: 100)),
        ]
        for (label, url, options) in requests {
            loop.start(HTTPRequest(url: url), options: options) { outcomes[label] = .some($0.failure?.kind) }
        }
        Self.drain(loop)
        #expect(outcomes["healthy"] == .some(nil))
        #expect(outcomes["refused"] == .some(.connectionRefused))
        #expect(outcomes["silent"] == .some(.timeout))
        #expect(outcomes["large"] == .some(.bodyTooLarge))
    }

    /// A request libcurl refuses to set up (a URL past its 8 MB input limit) never reaches the
    /// network; its completion still runs, in the next poll, with the failure. So does one with a
    /// scheme libcurl cannot carry, which fails once the transfer runs.
    @Test func setupFailureCompletesInThePoll() throws {
        let loop = try #require(TransferLoop(connections: 1))
        var failures: [String: TransportFailure] = [:]
        let huge = "http://127.0.0.1/" + String(repeating: "a", count: 9 << 20)
        loop.start(HTTPRequest(url: huge), options: TransportOptions()) { failures["huge"] = $0.failure }
        loop.start(HTTPRequest(url: "unknown-scheme://127.0.0.1/"), options: TransportOptions()) {
            failures["scheme"] = $0.failure
        }
        #expect(failures.isEmpty)
        Self.drain(loop)
        #expect(failures["huge"]?.curlCode == Int(CURLE_BAD_FUNCTION_ARGUMENT.rawValue))
        #expect(failures["scheme"]?.curlCode == Int(CURLE_UNSUPPORTED_PROTOCOL.rawValue))
        #expect(loop.pending == 0)
    }
}
