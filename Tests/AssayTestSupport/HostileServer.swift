import Foundation

/// A catalogue of misbehaving HTTP servers, for tests that a run survives each one: it ends within
/// its timeout, classifies the case, and writes its reports. Every behaviour is a `LoopbackServer`
/// script for the first connection; later connections get a healthy `{"ok":true}` answer, so a
/// test can check that the next case still runs.
public enum HostileBehaviour: String, CaseIterable, Sendable {
    case garbageStatusLine = "garbage-status-line"
    case statusWithoutCode = "status-without-code"
    case headlessBody = "headless-body"
    case closeBeforeHead = "close-before-head"
    case emptyReply = "empty-reply"
    case silence
    case slowHead = "slow-head"
    case hugeHeaderLine = "huge-header-line"
    case manyHeaders = "many-headers"
    case badChunkSize = "bad-chunk-size"
    case chunkSizeOverflow = "chunk-size-overflow"
    case truncatedChunk = "truncated-chunk"
    case shortContentLength = "short-content-length"
    case conflictingContentLength = "conflicting-content-length"
    case negativeContentLength = "negative-content-length"
    case endlessBody = "endless-body"
    case slowBody = "slow-body"
    case oversizedBody = "oversized-body"
    case deepJSON = "deep-json"
    case hugeNumber = "huge-number"
    case invalidUTF8JSON = "invalid-utf8-json"
    case nulInJSON = "nul-in-json"
    case duplicateKeys = "duplicate-keys"
    case interimFlood = "interim-flood"
    case status999 = "status-999"
    case sseFlood = "sse-flood"
    case sseCommentFlood = "sse-comment-flood"
    case sseEndless = "sse-endless"
    case gzipGarbage = "gzip-garbage"
    case resetMidBody = "reset-mid-body"

    /// What the first connection does.
    public var script: [LoopbackServer.Step] {
        let ok = "HTTP/1.1 200 OK\r\n"
        let json = "Content-Type: application/json\r\n"
        let sse = "Content-Type: text/event-stream\r\nConnection: close\r\n\r\n"
        switch self {
        case .garbageStatusLine: return [.readRequest, .write("HTTP/1.1 2x0 What\r\n\r\n"), .close]
        case .statusWithoutCode: return [.readRequest, .write("HTTP/1.1\r\nContent-Length: 0\r\n\r\n"), .close]
        case .headlessBody: return [.readRequest, .write(#"{"ok":true}"#), .close]
        case .closeBeforeHead: return [.readRequest, .write("HTTP/1.1 200"), .close]
        case .emptyReply: return [.readRequest, .close]
        case .silence: return [.readRequest, .sleep(milliseconds: 30_000)]
        case .slowHead:
            return [
                .readRequest, .write(ok + "X-Slow: "),
                .repeatWrite(Data("a".utf8), intervalMilliseconds: 100, count: nil),
            ]
        case .hugeHeaderLine:
            return [.readRequest, .write(ok + "X-Big: " + String(repeating: "a", count: 400_000) + "\r\n\r\n"), .close]
        case .manyHeaders:
            return [
                .readRequest,
                .write(ok + String(repeating: "X-H: v\r\n", count: 200_000) + "Content-Length: 0\r\n\r\n"), .close,
            ]
        case .badChunkSize:
            return [
                .readRequest, .write(ok + json + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"), .close,
            ]
        case .chunkSizeOverflow:
            return [
                .readRequest,
                .write(ok + json + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"), .close,
            ]
        case .truncatedChunk:
            return [.readRequest, .write(ok + json + "Transfer-Encoding: chunked\r\n\r\n20\r\n{\"ok\":"), .close]
        case .shortContentLength:
            return [.readRequest, .write(ok + json + "Content-Length: 100\r\n\r\n{\"ok\":true}"), .close]
        case .conflictingContentLength:
            return [
                .readRequest, .write(ok + json + "Content-Length: 11\r\nContent-Length: 5\r\n\r\n{\"ok\":true}"),
                .close,
            ]
        case .negativeContentLength:
            return [.readRequest, .write(ok + json + "Content-Length: -5\r\n\r\n{\"ok\":true}"), .close]
        case .endlessBody:
            return [
                .readRequest, .write(ok + json + "Connection: close\r\n\r\n["),
                .repeatWrite(Data(String(repeating: "1,", count: 4096).utf8), intervalMilliseconds: 1, count: nil),
            ]
        case .slowBody:
            return [
                .readRequest, .write(ok + json + "Content-Length: 1000\r\n\r\n"),
                .repeatWrite(Data(" ".utf8), intervalMilliseconds: 100, count: nil),
            ]
        case .oversizedBody:
            let body = "[" + String(repeating: "1,", count: 5 << 20) + "1]"
            return [
                .readRequest,
                .write(LoopbackServer.response(headers: [("Content-Type", "application/json")], body: body)),
            ]
        case .deepJSON:
            let body = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            return [
                .readRequest,
                .write(LoopbackServer.response(headers: [("Content-Type", "application/json")], body: body)),
            ]
        case .hugeNumber:
            let body = #"{"ok":1"# + String(repeating: "0", count: 1 << 20) + "e999999999}"
            return [
                .readRequest,
                .write(LoopbackServer.response(headers: [("Content-Type", "application/json")], body: body)),
            ]
        case .invalidUTF8JSON:
            return [
                .readRequest,
                .write(
                    Data((ok + json + "Content-Length: 9\r\n\r\n{\"ok\":\"").utf8) + Data([0xFF, 0xFE])
                        + Data("\"}".utf8)),
            ]
        case .nulInJSON:
            return [
                .readRequest, .write(Data((ok + json + "Content-Length: 12\r\n\r\n{\"ok\":true}").utf8) + Data([0])),
            ]
        case .duplicateKeys:
            return [
                .readRequest,
                .write(
                    LoopbackServer.response(
                        headers: [("Content-Type", "application/json")], body: #"{"ok":true,"ok":false}"#)),
            ]
        case .interimFlood:
            return [
                .readRequest,
                .write(
                    String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 20_000) + ok + "Content-Length: 0\r\n\r\n"
                ),
            ]
        case .status999: return [.readRequest, .write("HTTP/1.1 999 Odd\r\nContent-Length: 0\r\n\r\n")]
        case .sseFlood:
            return [
                .readRequest, .write(ok + sse), .write(String(repeating: "data: {\"n\":1}\n\n", count: 200_001)),
                .close,
            ]
        case .sseCommentFlood:
            return [.readRequest, .write(ok + sse), .write(String(repeating: ":\n", count: 4 << 20)), .close]
        case .sseEndless:
            return [
                .readRequest, .write(ok + sse),
                .repeatWrite(Data("data: {\"n\":1}\n\n".utf8), intervalMilliseconds: 5, count: nil),
            ]
        case .gzipGarbage:
            return [
                .readRequest,
                .write(
                    Data((ok + json + "Content-Encoding: gzip\r\nContent-Length: 16\r\n\r\n").utf8)
                        + Data([0x1F, 0x8B, 8, 0] + Array(repeating: 0xFF, count: 12))),
            ]
        case .resetMidBody:
            return [.readRequest, .write(ok + json + "Content-Length: 5000\r\n\r\n{\"ok\":"), .close]
        }
    }

    /// Whether the case expects an event stream (the behaviour answers one).
    public var isStream: Bool { [.sseFlood, .sseCommentFlood, .sseEndless].contains(self) }

    /// The healthy answer later connections get.
    public static let healthy: [LoopbackServer.Step] = [
        .serve { _ in LoopbackServer.response(headers: [("Content-Type", "application/json")], body: #"{"ok":true}"#) }
    ]

    /// A server running this behaviour on its first connection.
    public func start() throws -> LoopbackServer {
        try LoopbackServer(scripts: [script, Self.healthy])
    }
}
